import { postStripeMeterEvent } from "@/lib/metering/ingest-worker/post-stripe-meter-event";

export const dynamic = "force-dynamic";

/** Stripe's `POST /v1/billing/meter_events`, answered as Stripe answers it (lib/metering/ingest-worker). */
export const POST = postStripeMeterEvent;
