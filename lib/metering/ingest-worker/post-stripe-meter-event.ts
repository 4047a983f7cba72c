import "server-only";
import { randomUUID } from "node:crypto";
import { assertKeyScope } from "@/lib/api-keys/assert-key-scope";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { pool } from "@/lib/db/pool";
import { errorReply } from "@/lib/http/error-response";
import { readBodyText } from "@/lib/http/read-json-body";
import { loadIngestContext } from "@/lib/metering/ingest/load-ingest-context";
import { eventFromStripeMeterEvent, parseStripeMeterEvent } from "@/lib/metering/ingest/stripe-meter-event-input";
import { stripeErrorReply, stripeMeterEventReply } from "@/lib/metering/ingest/stripe-meter-event-reply";
import { ingestBody } from "./ingest-body";

/**
 * `POST /api/v1/stripe/v1/billing/meter_events`: Stripe's meter event endpoint, so an app that reports
 * usage to Stripe meters with Stripe's SDK changes only the SDK's host to report it here. The event goes
 * through the same ingestion as `POST /api/v1/events` (same key, same exactly-once rule on its
 * identifier); the answer is Stripe's meter event object or a Stripe-shaped error.
 */
export async function postStripeMeterEvent(req: Request): Promise<Response> {
  const now = new Date();
  let reply;
  try {
    const text = await readBodyText(req);
    const authorization = req.headers.get("authorization");
    assertKeyScope(await authenticateApiKey(authorization), "ingest"); // before reading meters for an unknown caller
    const input = parseStripeMeterEvent(text, req.headers.get("content-type"));
    const { metersByType } = await loadIngestContext(pool(), [], [input.event_name], now.getTime());
    const fallbackId = req.headers.get("idempotency-key") || randomUUID();
    const event = eventFromStripeMeterEvent(input, metersByType.get(input.event_name) ?? [], fallbackId);
    reply = stripeMeterEventReply(await ingestBody(authorization, JSON.stringify(event), "application/json"), input, event, now);
  } catch (e) {
    reply = stripeErrorReply(errorReply(e));
  }
  return Response.json(reply.body, { status: reply.status });
}
