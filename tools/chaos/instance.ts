/**
 * One app instance's server-side work, in its own process, for the two-instances test
 * (tests/integration/two-instances.test.ts) against the database at DATABASE_URL:
 *
 *   instance.ts work <seconds>   runs the app's background job runner (lib/background/job-runner.ts: due
 *                                jobs, webhook deliveries, the email outbox, the billing close) with short
 *                                ticks until SIGTERM (or for at most that long), then stops it and exits;
 *   instance.ts keys             answers JSON lines on stdin, one JSON line each on stdout:
 *                                {"auth": "<secret>"} -> {"status": 200|401}  (lib/api-keys, with its cache)
 *                                {"revoke": "<key id>", "admin": "<user id>"} -> {"revoked": true}
 *
 * Run with `node --conditions=react-server --import tsx tools/chaos/instance.ts ...`.
 */
import { createInterface } from "node:readline";

async function work(seconds: number): Promise<void> {
  const { startJobRunner } = await import("@/lib/background/job-runner");
  const { closeDb } = await import("@/lib/db/client");
  const runner = startJobRunner({ pollMs: 50, sweepMs: 200, emailMs: 100 });
  await new Promise<void>((resolve) => {
    setTimeout(resolve, seconds * 1000);
    process.once("SIGTERM", () => resolve());
  });
  await runner.stop();
  await closeDb();
}

async function keys(): Promise<void> {
  const { authenticateApiKey } = await import("@/lib/api-keys/authenticate-api-key");
  const { revokeApiKey } = await import("@/lib/api-keys/revoke-api-key");
  const { toAppError } = await import("@/lib/errors/to-app-error");
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const msg = JSON.parse(line) as { auth?: string; revoke?: string; admin?: string };
    let answer: object;
    try {
      if (msg.auth !== undefined) {
        await authenticateApiKey(`Bearer ${msg.auth}`);
        answer = { status: 200 };
      } else {
        await revokeApiKey({ kind: "user", userId: msg.admin!, role: "ADMIN", customerId: null }, msg.revoke!);
        answer = { revoked: true };
      }
    } catch (e) {
      const known = toAppError(e);
      answer = known ? { status: known.status } : { error: e instanceof Error ? e.message : String(e) };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
  process.exit(0);
}

const [mode, arg] = process.argv.slice(2);
(mode === "work" ? work(Number(arg ?? 5)) : mode === "keys" ? keys() : Promise.reject(new Error(`unknown mode ${mode}`))).then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
