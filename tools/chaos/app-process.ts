/**
 * The app under chaos, in its own process group (so SIGKILL reaches everything it started):
 * - PostgreSQL mode: the built app (`next start` on 127.0.0.1) on the scratch database;
 * - embedded mode: `npm start` itself (scripts/start.ts: PGlite on the data dir, the local Stripe sandbox,
 *   the mail catcher and `next start`), so a kill also kills the embedded database mid-write and a restart
 *   reopens it from its files.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export type AppTarget =
  | { mode: "postgres"; databaseUrl: string; port: number }
  | { mode: "embedded"; dataDir: string; port: number; pglitePort: number; stripePort: number; mailPort: number };

export type RunningApp = { child: ChildProcess; exited: Promise<void> };

const origin = (port: number) => `http://127.0.0.1:${port}`;

export function startApp(target: AppTarget, log: (line: string) => void): RunningApp {
  const common: NodeJS.ProcessEnv = { NODE_ENV: "production", NEXTAUTH_SECRET: "chaos-secret-chaos-secret-chaos-1", NEXTAUTH_URL: origin(target.port), APP_URL: origin(target.port), HOST: "127.0.0.1" };
  const child =
    target.mode === "postgres"
      ? spawn(process.execPath, [path.resolve("node_modules/next/dist/bin/next"), "start", "-H", "127.0.0.1", "-p", String(target.port)], {
          detached: true,
          stdio: ["ignore", "ignore", "pipe"],
          env: { ...process.env, ...common, DATABASE_URL: target.databaseUrl } as NodeJS.ProcessEnv,
        })
      : spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.resolve("scripts/start.ts")], {
          detached: true,
          stdio: ["ignore", "ignore", "pipe"],
          env: {
            ...withoutDatabaseUrl(process.env),
            ...common,
            PORT: String(target.port),
            PGLITE_PORT: String(target.pglitePort),
            STRIPE_SANDBOX_PORT: String(target.stripePort),
            MAIL_CATCHER_PORT: String(target.mailPort),
            METERLY_DATA_DIR: target.dataDir,
          } as NodeJS.ProcessEnv,
        });
  child.stderr!.on("data", (d: Buffer) => {
    for (const line of String(d).split("\n")) if (line.trim()) log(line);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited };
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.DATABASE_URL;
  return out;
}

/** SIGKILL to the app's whole process group (the app and everything it started), then waits for the leader to go. */
export async function killGroup(app: RunningApp): Promise<void> {
  try {
    process.kill(-app.child.pid!, "SIGKILL");
  } catch {
    // Already gone.
  }
  await app.exited;
  // The group's other members die with the signal; give the kernel a moment to free their ports.
  await new Promise((r) => setTimeout(r, 100));
}

/** SIGTERM to the group leader (npm start stops its database cleanly), SIGKILL to the group after 15 s. */
export async function stopGroup(app: RunningApp): Promise<void> {
  if (app.child.exitCode !== null || app.child.signalCode !== null) return;
  const timer = setTimeout(() => void killGroup(app), 15_000);
  app.child.kill("SIGTERM");
  await app.exited;
  clearTimeout(timer);
  try {
    process.kill(-app.child.pid!, "SIGKILL");
  } catch {
    // Nothing left.
  }
}

/** Until GET /api/health answers 200 (the database answers and is migrated), or `ms` pass. */
export async function waitUntilHealthy(port: number, app: RunningApp, ms = 180_000): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (app.child.exitCode !== null || app.child.signalCode !== null) throw new Error(`the app exited (${app.child.exitCode ?? app.child.signalCode}) while starting`);
    const status = await fetch(`${origin(port)}/api/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the app did not answer /api/health within ${ms / 1000} s`);
}
