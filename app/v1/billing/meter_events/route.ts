import { postStripeMeterEvent } from "@/lib/metering/ingest-worker/post-stripe-meter-event";

export const dynamic = "force-dynamic";

/**
 * Stripe's meter event path at the root, for stripe-node, whose requests keep Stripe's `/v1/...` paths
 * (it takes a host, port and protocol but no base path). The same handler as
 * `POST /api/v1/stripe/v1/billing/meter_events`, which SDKs that take a base URL use.
 */
export const POST = postStripeMeterEvent;
