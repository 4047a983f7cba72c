/** Serves the built app for Playwright on a fresh, migrated, seeded database that is dropped on exit. */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createTestDatabase } from "../tests/support/test-database";
import { e2eDatabaseUrlFile, e2eStripeUrlFile } from "../e2e/support/e2e-database-file";
import { startLocalStripe } from "./support/local-stripe";
import { startLocalMailCatcher } from "@/lib/notify/email/catcher/start-local-mail-catcher";

const PORT = Number(process.env.E2E_PORT ?? 3100);

async function main() {
  const db = await createTestDatabase("e2e");
  process.env.DATABASE_URL = db.url;
  const { seedDemoData } = await import("@/lib/seed/demo-data");
  const { closeDb } = await import("@/lib/db/client");
  await seedDemoData({ plan: false });
  await closeDb();
  // Email goes to a mail catcher that keeps it in this database, as `npm start` does without SMTP_URL.
  const mail = process.env.SMTP_URL ? null : await startLocalMailCatcher();
  // Specs that set up what the UI cannot (a billing close in the future) run scripts against this database.
  const urlFile = e2eDatabaseUrlFile(PORT);
  mkdirSync(path.dirname(urlFile), { recursive: true });
  writeFileSync(urlFile, db.url);
  // Payments go to the Stripe sandbox on a free port, posting signed webhooks to this app.
  const stripe = await startLocalStripe({ appUrl: `http://127.0.0.1:${PORT}` });
  const stripeUrlFile = e2eStripeUrlFile(PORT);
  writeFileSync(stripeUrlFile, stripe.env.STRIPE_API_BASE);
  const app = spawn(path.resolve("node_modules/.bin/next"), ["start", "-H", process.env.HOST || "127.0.0.1", "-p", String(PORT)], {
    stdio: "inherit",
    env: {
      ...process.env,
      ...stripe.env,
      ...(mail ? { SMTP_URL: mail.url } : {}),
      NODE_ENV: "production",
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret",
      NEXTAUTH_URL: `http://localhost:${PORT}`,
      APP_URL: `http://localhost:${PORT}`,
      // e2e specs start their webhook receivers on loopback.
      WEBHOOKS_ALLOW_PRIVATE: "1",
    },
  });
  let done = false;
  const stop = async () => {
    if (done) return;
    done = true;
    if (app.exitCode === null) {
      app.kill("SIGTERM");
      await new Promise((r) => app.once("exit", r));
    }
    await stripe.sandbox.close().catch(() => {});
    await mail?.close().catch(() => {});
    await closeDb();
    rmSync(urlFile, { force: true });
    rmSync(stripeUrlFile, { force: true });
    await db.drop().catch((e) => console.error("could not drop the e2e database:", e.message));
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
  app.on("exit", () => void stop());
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
