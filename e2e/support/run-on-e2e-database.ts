import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { e2eDatabaseUrlFile } from "./e2e-database-file";

/**
 * Runs one of the project's TypeScript commands (e.g. scripts/billing-run.ts) against the database the e2e
 * server is serving, for setup the UI cannot do. Returns its output; throws with it when it fails.
 */
export function runOnE2eDatabase(script: string, args: string[]): string {
  const url = readFileSync(e2eDatabaseUrlFile(Number(process.env.E2E_PORT ?? 3100)), "utf8").trim();
  const run = spawnSync("npx", ["tsx", "--conditions=react-server", script, ...args], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    timeout: 60_000,
  });
  const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
  if (run.status !== 0) throw new Error(`${script} ${args.join(" ")} exited ${run.status}:\n${output}`);
  return output;
}
