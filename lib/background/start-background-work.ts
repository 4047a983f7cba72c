import "server-only";
import { env } from "@/lib/env";
import { startJobRunner } from "./job-runner";
import { ingestWorkerEnabled, startIngestWorker } from "@/lib/metering/ingest-worker/ingest-worker-client";

/**
 * Called once per app server (instrumentation.ts register()). Parses the environment first, so a server
 * that could not verify Stripe webhooks (a key without STRIPE_WEBHOOK_SECRET in production) refuses to
 * start, loudly; then starts the ingest worker thread (lib/metering/ingest-worker), so the first events do not wait
 * for it, and this instance's background jobs unless METERLY_JOBS=off.
 */
export function startBackgroundWork(): void {
  let jobs: "on" | "off";
  try {
    jobs = env().METERLY_JOBS;
  } catch (e) {
    console.error(`Meterly cannot start: ${e instanceof Error ? e.message : String(e)}`);
    if (process.env.NODE_ENV === "production") process.exit(1);
    throw e;
  }
  if (ingestWorkerEnabled()) startIngestWorker();
  if (jobs === "off") {
    console.log("Background jobs are off in this instance (METERLY_JOBS=off).");
    return;
  }
  startJobRunner();
}
