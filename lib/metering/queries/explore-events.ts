import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { timestampInRange } from "@/lib/metering/meters/event-hour";
import { eventExplorerParams, type EventExplorerParams } from "./event-explorer-params";

export type ExploredEvent = {
  customerId: string;
  externalId: string;
  id: string;
  type: string;
  timestamp: Date;
  properties: Record<string, unknown>;
  receivedAt: Date;
  voidedAt: Date | null;
  voidReason: string | null;
};

type Row = { customer_id: string; external_id: string; idempotency_key: string; event_type: string; timestamp: Date; properties: Record<string, unknown> | null; received_at: Date; voided_at: Date | null; void_reason: string | null };

const EARLIEST = new Date("2000-01-01T00:00:00Z");
const LATEST = new Date("2100-01-01T00:00:00Z");
const HOUR_DESC = Prisma.raw(`date_trunc('hour', "timestamp" AT TIME ZONE 'UTC') DESC, "timestamp" DESC, idempotency_key DESC`);

/**
 * A page of usage events, newest first (timestamp, then id, descending), after `cursor`. Reads through
 * the indexes usage_events has: a customer's events of each type over the hours of the range through
 * (customer_id, event_type, hour) — one index scan per event type, each stopping after `limit` rows, the
 * types found by a skip scan of the same index —, an id by the primary key (across customers: one probe
 * per customer), an id prefix among the customer's keys.
 */
export async function exploreEvents(actor: Actor, query: Record<string, string>, limit = 50): Promise<{ params: EventExplorerParams; customerId: string | null; events: ExploredEvent[]; hasMore: boolean }> {
  assertAdmin(actor);
  const params = eventExplorerParams.parse(query);
  const customerId = params.customer ? await resolveCustomer(params.customer) : null;
  const rows = await prisma.$queryRaw<Row[]>(exploreEventsQuery(params, customerId, limit + 1));
  const events = rows.slice(0, limit).map((r) => ({
    customerId: r.customer_id,
    externalId: r.external_id,
    id: r.idempotency_key,
    type: r.event_type,
    timestamp: r.timestamp,
    properties: r.properties ?? {},
    receivedAt: r.received_at,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
  }));
  return { params, customerId, events, hasMore: rows.length > limit };
}

/** The explorer's statement for these filters (a customer's id resolved), at most `take` rows. */
export function exploreEventsQuery(params: EventExplorerParams, customerId: string | null, take: number): Prisma.Sql {
  const upper = params.cursor ? new Date(Math.min((params.to ?? LATEST).getTime(), params.cursor.at.getTime() + 1)) : (params.to ?? LATEST);
  const range = timestampInRange(params.from ?? EARLIEST, upper);
  // An id is found by its key: a time condition there only when one is asked for.
  const idRange = params.from || params.to || params.cursor ? Prisma.sql`AND ${range}` : Prisma.empty;
  const keyset = params.cursor ? Prisma.sql`AND ("timestamp", idempotency_key) < (${params.cursor.at}::timestamptz, ${params.cursor.id}::varchar)` : Prisma.empty;
  const typeIs = params.type ? Prisma.sql`AND event_type = ${params.type}` : Prisma.empty;
  let inner: Prisma.Sql;
  if (params.id && params.match === "exact") {
    const who = customerId ? Prisma.sql`customer_id = ${customerId}::uuid` : Prisma.sql`customer_id IN (SELECT id FROM customers)`;
    inner = Prisma.sql`SELECT * FROM usage_events WHERE ${who} AND idempotency_key = ${params.id} ${typeIs} ${idRange} ${keyset}`;
  } else if (params.id) {
    inner = Prisma.sql`SELECT * FROM usage_events WHERE customer_id = ${customerId}::uuid AND starts_with(idempotency_key, ${params.id}) ${typeIs} ${idRange} ${keyset}
      ORDER BY "timestamp" DESC, idempotency_key DESC LIMIT ${take}`;
  } else {
    const types = params.type
      ? Prisma.sql`SELECT ${params.type}::text AS event_type`
      : Prisma.sql`SELECT event_type FROM types WHERE event_type IS NOT NULL`;
    inner = Prisma.sql`SELECT x.* FROM (${types}) t CROSS JOIN LATERAL (
        SELECT * FROM usage_events WHERE customer_id = ${customerId}::uuid AND event_type = t.event_type AND ${range} ${keyset}
        ORDER BY ${HOUR_DESC} LIMIT ${take}) x`;
  }
  const skipScan = params.id || params.type
    ? Prisma.empty
    : Prisma.sql`WITH RECURSIVE types AS (
        (SELECT event_type FROM usage_events WHERE customer_id = ${customerId}::uuid ORDER BY event_type LIMIT 1)
        UNION ALL
        SELECT (SELECT u.event_type FROM usage_events u WHERE u.customer_id = ${customerId}::uuid AND u.event_type > t.event_type ORDER BY u.event_type LIMIT 1)
        FROM types t WHERE t.event_type IS NOT NULL)`;
  return Prisma.sql`${skipScan}
    SELECT e.customer_id::text, c.external_id, e.idempotency_key, e.event_type, e."timestamp", e.properties, e.received_at, e.voided_at, e.void_reason
    FROM (${inner}) e JOIN customers c ON c.id = e.customer_id
    ORDER BY e."timestamp" DESC, e.idempotency_key DESC LIMIT ${take}`;
}

/** The customer named by id or externalId (422 on `customer` when there is none). */
async function resolveCustomer(ref: string): Promise<string> {
  const found = await prisma.customer.findFirst({ where: isUuid(ref) ? { OR: [{ id: ref }, { externalId: ref }] } : { externalId: ref }, select: { id: true } });
  if (!found) throw new AppError("UNPROCESSABLE", `No customer "${ref}"`, { problems: [{ field: "customer", rule: "known_customer", message: `No customer "${ref}"` }] });
  return found.id;
}
