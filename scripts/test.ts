/**
 * `npm test`: typecheck, lint (eslint and the dependency rules), vitest (unit + integration on a real Postgres), next build, Playwright e2e,
 * in that order. Ends with one line `N passed, N failed` summing vitest and Playwright tests (a step that
 * fails outside any test, such as typecheck, counts as one failure).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { isPortOpen } from "../lib/db/free-port";
import { ensurePrismaClient } from "./support/ensure-generated";
import { runCommand } from "./support/run-command";

const OUT = ".test-results";
const bin = (name: string) => path.resolve("node_modules/.bin", name);

type Tally = { passed: number; failed: number };

async function step(name: string, cmd: string, args: string[], env: Record<string, string> = {}): Promise<boolean> {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const code = await runCommand(cmd, args, { env: { ...process.env, ...env } });
  console.log(`=== ${name}: ${code === 0 ? "ok" : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)}s ===`);
  return code === 0;
}

function vitestTally(file: string): Tally | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, "utf8")) as { numPassedTests: number; numFailedTests: number };
  return { passed: r.numPassedTests, failed: r.numFailedTests };
}

function playwrightTally(file: string): Tally | null {
  if (!existsSync(file)) return null;
  const r = JSON.parse(readFileSync(file, "utf8")) as { stats: { expected: number; unexpected: number; flaky: number } };
  return { passed: r.stats.expected + r.stats.flaky, failed: r.stats.unexpected };
}

/** `prisma migrate diff` needs a reachable database: the test server, else an embedded one. */
async function checkMigrations(): Promise<boolean> {
  const server = process.env.TEST_DATABASE_URL ?? ((await isPortOpen(5432)) ? "postgresql://postgres@127.0.0.1:5432/postgres" : null);
  const embedded = server ? null : await startEmbeddedPostgres();
  try {
    return await step("migrations match schema", bin("tsx"), ["scripts/db-migration.ts", "--check"], { DATABASE_URL: server ?? embedded!.url });
  } finally {
    await embedded?.stop();
  }
}

async function main() {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  await ensurePrismaClient(true);
  let stepFailures = 0;
  const total: Tally = { passed: 0, failed: 0 };

  if (!(await checkMigrations())) stepFailures++;
  if (!(await step("typecheck", bin("tsc"), ["--noEmit"]))) stepFailures++;
  if (!(await step("lint", bin("eslint"), [".", "--max-warnings=0"]))) stepFailures++;
  if (!(await step("dependency rules", "npm", ["run", "--silent", "lint:deps"]))) stepFailures++;

  const vitestOk = await step("vitest", bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${OUT}/vitest.json`]);
  const v = vitestTally(`${OUT}/vitest.json`);
  if (v) {
    total.passed += v.passed;
    total.failed += v.failed;
  }
  if (!vitestOk && (!v || v.failed === 0)) stepFailures++;

  const built = await step("build", "npm", ["run", "build"], { NODE_ENV: "production" });
  if (!built) stepFailures++;
  else {
    const e2eOk = await step("playwright e2e", bin("playwright"), ["test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${OUT}/playwright.json` });
    const p = playwrightTally(`${OUT}/playwright.json`);
    if (p) {
      total.passed += p.passed;
      total.failed += p.failed;
    }
    if (!e2eOk && (!p || p.failed === 0)) stepFailures++;
  }

  total.failed += stepFailures;
  console.log(`\n${total.passed} passed, ${total.failed} failed`);
  process.exit(total.failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log("\n0 passed, 1 failed");
  process.exit(1);
});
