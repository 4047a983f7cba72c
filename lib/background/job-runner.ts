import "server-only";
import { runBillingClose } from "@/lib/billing/run-billing-close";
import { expireGrants } from "@/lib/ledger/expire-grants";
import { runDueJobs } from "./run-due-jobs";

export type JobRunner = { stop(): Promise<void> };

const globalForRunner = globalThis as unknown as { __meterlyJobRunner?: JobRunner };

/**
 * Runs background work in this process until stopped: due jobs every `pollMs`; the credit expiry sweep and
 * the billing close (lib/billing: draft ended periods, finalize drafts past their grace) every `sweepMs`. Ticks never overlap; errors are logged and the next tick tries again. Every piece is
 * safe with other instances running it at the same time (SKIP LOCKED claims and wallet locks).
 */
export function startJobRunner(opts: { pollMs?: number; sweepMs?: number } = {}): JobRunner {
  if (globalForRunner.__meterlyJobRunner) return globalForRunner.__meterlyJobRunner;
  const pollMs = opts.pollMs ?? 1000;
  const sweepMs = opts.sweepMs ?? 60_000;
  let stopped = false;
  let lastSweep = 0;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = async () => {
    try {
      while (!stopped && (await runDueJobs()) > 0) {
        // drain what is due before sleeping
      }
      if (!stopped && Date.now() - lastSweep >= sweepMs) {
        lastSweep = Date.now();
        const run = await expireGrants();
        if (run.grantsWrittenOff > 0)
          console.log(
            `credit expiry: wrote off ${run.grantsWrittenOff} grant(s) of ${run.customers} customer(s)`,
          );
        const billing = await runBillingClose();
        if (billing.drafted || billing.finalized)
          console.log(`billing close: drafted ${billing.drafted} invoice(s), finalized ${billing.finalized}`);
      }
    } catch (e) {
      console.error("background jobs:", e instanceof Error ? e.message : e);
    }
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = tick().finally(() => {
      busy = false;
    });
  }, pollMs);
  timer.unref();
  const runner: JobRunner = {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      globalForRunner.__meterlyJobRunner = undefined;
    },
  };
  globalForRunner.__meterlyJobRunner = runner;
  return runner;
}
