/**
 * What the HTTP benchmarks (`bench:ingest`, `bench:check`) share: a scratch database, the built app
 * (`next start` with METERLY_BENCH=1) and the load-generator process (load-client.ts), each stopped after.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { createTestDatabase } from "@/tests/support/test-database";
import { mustRun } from "@/scripts/support/run-command";
import type { ClientMessage } from "./load-protocol";

export type BenchDatabase = { url: string; label: string; drop(): Promise<void> };

/** Runs `npm run build` when asked to, or when there is no build yet. */
export async function buildIfNeeded(force: boolean): Promise<void> {
  if (force || !existsSync(".next/BUILD_ID")) {
    console.log("Building the app (next build)...");
    await mustRun("npm", ["run", "build"], { env: { ...process.env, NODE_ENV: "production" } });
  }
}

/** A fresh database: PostgreSQL on 127.0.0.1:5432 (or TEST_DATABASE_URL), dropped after; or PGlite in a temporary folder. */
export async function openBenchDatabase(embedded: boolean, label = "bench"): Promise<BenchDatabase> {
  if (embedded) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "meterly-bench-pglite-"));
    const pglite = await startEmbeddedPostgres({ dataDir: dir });
    await applyMigrations({ connectionString: pglite.url });
    return {
      url: pglite.url,
      label: "embedded PGlite",
      async drop() {
        await pglite.stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const db = await createTestDatabase(label);
  if (db.kind !== "server") {
    await db.drop();
    throw new Error(
      "No PostgreSQL answers on 127.0.0.1:5432 (or TEST_DATABASE_URL); run with --embedded to bench the embedded database",
    );
  }
  return { url: db.url, label: "PostgreSQL", drop: db.drop };
}

/** `next start` on loopback with METERLY_BENCH=1 (the bench routes answer); its stderr is relayed. */
export function startApp(databaseUrl: string, port: number, profileDir: string | null = null): ChildProcess {
  const origin = `http://127.0.0.1:${port}`;
  const profile = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      path.resolve("node_modules/next/dist/bin/next"),
      "start",
      "-H",
      "127.0.0.1",
      "-p",
      String(port),
    ],
    {
      stdio: ["ignore", "ignore", "pipe"],
      env: {
        ...process.env,
        NODE_ENV: "production",
        METERLY_BENCH: "1",
        DATABASE_URL: databaseUrl,
        NEXTAUTH_SECRET: "bench-secret-bench-secret-bench",
        NEXTAUTH_URL: origin,
        APP_URL: origin,
      },
    },
  );
  child.stderr!.on("data", (d: Buffer) => process.stderr.write(`[app] ${d}`));
  return child;
}

export const benchUrl = (port: number, route: string) => `http://127.0.0.1:${port}${route}`;

/** Until the no-op route answers 204 (60 s at most); `script` names the benchmark in the rebuild hint. */
export async function waitUntilServing(
  port: number,
  server: ChildProcess,
  script = "bench:ingest",
): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    const status = await fetch(benchUrl(port, "/api/bench/noop"), { method: "POST" }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 204) return;
    if (status === 404)
      throw new Error(
        `The build has no /api/bench/noop route: rebuild with \`npm run ${script} -- --build\``,
      );
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("The app did not start within 60 s");
}

/** The load generator (load-client.ts) in its own process, once it says it is ready. */
export async function startLoadClient(): Promise<ChildProcess> {
  const child = fork(path.resolve(import.meta.dirname, "load-client.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`load client exited with ${code}`)));
  });
  return child;
}

/** One message to the load generator and its answer (a `fatal` answer rejects). */
export function request<T>(client: ChildProcess, msg: ClientMessage): Promise<T> {
  return new Promise((resolve, reject) => {
    client.once("message", (m) =>
      (m as { fatal?: string }).fatal ? reject(new Error((m as { fatal: string }).fatal)) : resolve(m as T),
    );
    client.send(msg);
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(timer);
}

/**
 * After the warm-up, as pgbench does before its runs: VACUUM (ANALYZE) the database, so that the first
 * run does not pay for the warm-up's leftovers (dead rollup row versions to prune, tables never
 * analyzed) where autovacuum would have dealt with them in the background; the PostgreSQL this project
 * is tested on runs with autovacuum off. Without it, the first run came out at a fraction of the others
 * in one phase or another, with the database's CPU per event two to eight times the later runs'.
 */
export async function settleDatabase(databaseUrl: string): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query("VACUUM (ANALYZE)");
  } finally {
    await c.end();
  }
}
