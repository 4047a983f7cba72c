/**
 * `npm start`: builds the app if needed, starts the database (PGlite on .data/ unless DATABASE_URL is set),
 * applies migrations, seeds the demo data and serves the app; without SMTP_URL, a local mail catcher keeps the
 * app's email for the admin Mail page. Ctrl-C stops the app, then the database.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import type { EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import type { MailCatcher } from "@/lib/notify/email/catcher/start-mail-catcher";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { ensurePrismaClient } from "./support/ensure-generated";
import { localDataDir, openLocalDatabase } from "./support/local-database";
import { localSecret } from "./support/local-secret";
import { startLocalStripe, type LocalStripe } from "./support/local-stripe";
import { mustRun } from "./support/run-command";

const DATA_DIR = localDataDir();
const PORT = Number(process.env.PORT ?? 3000);
/** The address the app listens on: loopback unless HOST says otherwise (HOST=0.0.0.0 serves other machines). */
const HOST = process.env.HOST || "127.0.0.1";
const NEXT_BIN = path.resolve("node_modules/.bin/next");

async function main() {
  let embedded: EmbeddedPostgres | null = null;
  let app: ChildProcess | null = null;
  let stripe: LocalStripe | null = null;
  let mail: MailCatcher | null = null;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    console.log("\nStopping Meterly...");
    if (app && app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((r) => app!.once("exit", r));
    }
    if (stripe) await stripe.sandbox.close();
    if (mail) {
      await mail.close();
      await (await import("@/lib/db/client")).closeDb();
    }
    if (embedded) await embedded.stop();
    console.log("Stopped; the data is kept.");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));

  await ensurePrismaClient();
  if (!existsSync(".next/BUILD_ID") || process.env.METERLY_REBUILD === "1") {
    console.log("Building the app (first start only)...");
    await mustRun("npm", ["run", "build"], { env: { ...process.env, NODE_ENV: "production" } });
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    embedded = await openLocalDatabase(DATA_DIR, { port: process.env.PGLITE_PORT ? Number(process.env.PGLITE_PORT) : undefined });
    databaseUrl = embedded.url;
    console.log(`Embedded PostgreSQL (PGlite) on 127.0.0.1:${embedded.port}, data in ${path.relative(process.cwd(), DATA_DIR) || "."}/pglite`);
  } else {
    console.log("Using the PostgreSQL at DATABASE_URL");
  }
  process.env.DATABASE_URL = databaseUrl;

  const { applied } = await applyMigrations({ connectionString: databaseUrl, log: (m) => console.log(m) });
  console.log(applied.length ? `Applied ${applied.length} migration(s)` : "Database schema is current");

  const { seedDemoData, DEMO_ADMIN, DEMO_MEMBER } = await import("@/lib/seed/demo-data");
  const { closeDb } = await import("@/lib/db/client");
  await seedDemoData();
  await closeDb();

  // No Stripe keys: payments go to the local sandbox (test cards), and the header says "test payments".
  if (!process.env.STRIPE_SECRET_KEY) {
    stripe = await startLocalStripe({ appUrl: `http://127.0.0.1:${PORT}`, dataDir: DATA_DIR, port: process.env.STRIPE_SANDBOX_PORT ? Number(process.env.STRIPE_SANDBOX_PORT) : undefined });
    console.log(`Payments: local Stripe sandbox on ${stripe.sandbox.url} (test cards: 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is declined)`);
  }

  // No SMTP server: email goes to a catcher on loopback that keeps it in the database (admin > Mail).
  if (!process.env.SMTP_URL) {
    const { startLocalMailCatcher } = await import("@/lib/notify/email/catcher/start-local-mail-catcher");
    mail = await startLocalMailCatcher({ port: process.env.MAIL_CATCHER_PORT ? Number(process.env.MAIL_CATCHER_PORT) : undefined });
    console.log(`Email: local mail catcher on ${mail.url} (read it in the admin area, Mail)`);
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...stripe?.env,
    ...(mail ? { SMTP_URL: mail.url } : {}),
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret(DATA_DIR, "nextauth-secret"),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}`,
    APP_URL: process.env.APP_URL ?? `http://localhost:${PORT}`,
    // The demo may point webhook endpoints at a receiver on this machine; production refuses private addresses.
    WEBHOOKS_ALLOW_PRIVATE: process.env.WEBHOOKS_ALLOW_PRIVATE ?? "1",
  };
  const child = spawn(NEXT_BIN, ["start", "-H", HOST, "-p", String(PORT)], { stdio: "inherit", env });
  child.on("exit", (code) => void stop(code ?? 0));
  app = child;

  console.log(`\nMeterly is starting on http://localhost:${PORT}`);
  console.log(HOST === "127.0.0.1" ? "  listening on 127.0.0.1 only (set HOST=0.0.0.0 to serve other machines)" : `  listening on ${HOST}`);
  console.log(`  admin:  ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`);
  console.log(`  member: ${DEMO_MEMBER.email} / ${DEMO_MEMBER.password}  (customer "Acme AI", externalId acme)`);
  console.log("Press Ctrl-C to stop.\n");
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
