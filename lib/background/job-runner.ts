import "server-only";
import { runBillingClose } from "@/lib/billing/run-billing-close";
import { expireGrants } from "@/lib/ledger/expire-grants";
import { resolveAlerts } from "@/lib/limits/resolve-alerts";
import { runForecastAlerts } from "@/lib/forecast/run-forecast-alerts";
import { reportMeterUsage } from "@/lib/metering/notices/report-meter-usage";
import { runWebhooks } from "@/lib/webhooks/run-webhooks";
import { deliverNotificationEmails } from "@/lib/notify/email/delivery/deliver-notification-emails";
import { runDueJobs } from "./run-due-jobs";

export type JobRunner = { stop(): Promise<void> };

const FORECAST_MS = 15 * 60_000;

const globalForRunner = globalThis as unknown as { __meterlyJobRunner?: JobRunner };

/**
 * Runs background work in this process until stopped: due jobs every `pollMs`; the credit expiry sweep and
 * the billing close (lib/billing: draft ended periods, finalize drafts past their grace) and the resolution of alerts
 * whose value fell back (lib/limits) every `sweepMs`; the outbox's
 * emails (lib/notify/email) every `emailMs`, beside the tick, so a notice arrives within seconds. Ticks never overlap; errors are logged and the next tick tries again. Every piece is
 * safe with other instances running it at the same time (SKIP LOCKED claims and wallet locks).
 */
export function startJobRunner(
  opts: { pollMs?: number; sweepMs?: number; emailMs?: number } = {},
): JobRunner {
  if (globalForRunner.__meterlyJobRunner) return globalForRunner.__meterlyJobRunner;
  const pollMs = opts.pollMs ?? 1000;
  const sweepMs = opts.sweepMs ?? 60_000;
  const emailMs = opts.emailMs ?? 5_000;
  let lastEmail = 0;
  let emailing: Promise<void> | null = null;
  let stopped = false;
  let lastSweep = 0;
  let lastForecast = 0;
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = async () => {
    try {
      while (!stopped && (await runDueJobs()) > 0) {
        // drain what is due before sleeping
      }
      // Webhooks (lib/webhooks) every tick rather than every sweep: events go out at once and the first retry
      // is due 5 s after a failure; when idle it is two indexed queries.
      if (!stopped)
        await runWebhooks().catch((e) => console.error("webhooks:", e instanceof Error ? e.message : e));
      // Email runs beside the tick, not awaited: a slow or unreachable SMTP server never holds up charges.
      if (!stopped && !emailing && Date.now() - lastEmail >= emailMs) {
        lastEmail = Date.now();
        emailing = deliverNotificationEmails()
          .then(
            (mail) => {
              if (mail.emails)
                console.log(`email: sent ${mail.emails} email(s) for ${mail.notifications} notification(s)`);
            },
            (e: unknown) => console.error("email delivery:", e instanceof Error ? e.message : e),
          )
          .finally(() => {
            emailing = null;
          });
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
        const resolved = await resolveAlerts();
        if (resolved) console.log(`limits: resolved ${resolved} alert(s)`);
        await reportMeterUsage();
        // Forecasts read two weeks of hourly rollups per active customer: every 15 minutes is plenty.
        if (Date.now() - lastForecast >= FORECAST_MS) {
          lastForecast = Date.now();
          const alerts = await runForecastAlerts();
          if (alerts) console.log(`forecast: ${alerts} forecast or spike alert(s)`);
        }
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
      await emailing;
      globalForRunner.__meterlyJobRunner = undefined;
    },
  };
  globalForRunner.__meterlyJobRunner = runner;
  return runner;
}
