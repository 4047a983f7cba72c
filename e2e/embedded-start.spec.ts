import { expect, test } from "@playwright/test";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

let APP_PORT = 0;
let PG_PORT = 0;

/** What `npm start` runs, as one node process so signals reach it directly. */
function startApp(dataDir: string): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, METERLY_DATA_DIR: dataDir, PORT: String(APP_PORT), PGLITE_PORT: String(PG_PORT) };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/start.ts"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout?.on("data", () => {});
  child.stderr?.on("data", (d) => process.stderr.write(d));
  return child;
}

/** `npm run ledger:check` with no DATABASE_URL: it finds the embedded database in the data dir. */
function ledgerCheck(dataDir: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, METERLY_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const r = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/ledger-check.ts"], { env, encoding: "utf8" });
  return { code: r.status, out: r.stdout + r.stderr };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(): Promise<void> {
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${APP_PORT}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("the app did not become healthy in time");
}

async function stop(app: ChildProcess): Promise<number | null> {
  if (app.exitCode !== null) return app.exitCode;
  const exited = new Promise<number | null>((r) => app.once("exit", (code) => r(code)));
  process.kill(-app.pid!, "SIGINT"); // Ctrl-C reaches the whole process group
  return exited;
}

const postEvent = (key: string) =>
  fetch(`http://127.0.0.1:${APP_PORT}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ id: "persisted-1", customer: "acme", type: "llm_tokens", properties: { tokens: 42, model: "m" } }),
  }).then(async (r) => ({ status: r.status, body: await r.json() }));

test("npm start's embedded database keeps data over a restart", async () => {
  test.setTimeout(400_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "meterly-embedded-"));
  APP_PORT = await freePort();
  PG_PORT = await freePort();
  let app: ChildProcess | null = null;
  try {
    app = startApp(dataDir);
    await waitHealthy();
    const secret = `mtr_${randomBytes(16).toString("hex")}`;
    const db = new pg.Client({ connectionString: `postgresql://postgres:postgres@127.0.0.1:${PG_PORT}/postgres` });
    await db.connect();
    await db.query("INSERT INTO api_keys (name, prefix, hash) VALUES ('embedded test', $1, $2)", [secret.slice(0, 10), createHash("sha256").update(secret).digest("hex")]);
    await db.end();
    expect(await postEvent(secret)).toEqual({ status: 202, body: expect.objectContaining({ id: "persisted-1", status: "accepted" }) });
    // While npm start runs, ledger:check goes through it; once stopped, it opens the files itself.
    expect(ledgerCheck(dataDir)).toEqual({ code: 0, out: expect.stringMatching(/served by npm start[\s\S]*Ledger is consistent/) });
    expect(await stop(app)).toBe(0);
    expect(ledgerCheck(dataDir)).toEqual({ code: 0, out: expect.stringMatching(/Checking the embedded database in [^\n]*pglite\.\nLedger is consistent/) });

    app = startApp(dataDir);
    await waitHealthy();
    // The same event again is a duplicate: the first one was kept on disk.
    expect(await postEvent(secret)).toEqual({ status: 202, body: expect.objectContaining({ id: "persisted-1", status: "duplicate" }) });
    expect(await stop(app)).toBe(0);
  } finally {
    if (app && app.exitCode === null) process.kill(-app.pid!, "SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
