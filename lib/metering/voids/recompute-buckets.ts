import "server-only";
import { Prisma, type Meter } from "@/lib/db/generated/client";
import { timestampInHours } from "../meters/event-hour";
import type { MeterDefinition } from "../meters/meter-definition";
import { contributionFor, type MeterContribution } from "../meters/meter-contribution";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";
import { rollupDeltas } from "@/lib/metering/rollups/rollup-deltas";
import { uniqueValueRows } from "@/lib/metering/rollups/unique-value-rows";

type Tx = Prisma.TransactionClient;

type ActiveMeter = { from: Date; until: Date | null; definition: MeterDefinition };

type EventRow = { idempotency_key: string; timestamp: Date; received_at: Date; properties: Record<string, unknown> | null };

/**
 * Rewrites a customer's rollups and distinct-value rows for the given hours of one event type from the
 * events that remain (not voided), with each meter of that type counting the events received while it
 * was active. Run inside the void transaction, after the events are marked, holding the customer's lock.
 */
export async function recomputeBuckets(tx: Tx, customerId: string, eventType: string, hours: Date[]): Promise<void> {
  if (hours.length === 0) return;
  const meters = await tx.meter.findMany({ where: { eventType } });
  if (meters.length === 0) return;
  const starts = hours.map((h) => h.toISOString());
  const meterIds = meters.map((m) => m.id);
  await tx.$executeRaw`DELETE FROM usage_rollups WHERE customer_id = ${customerId}::uuid AND meter_id = ANY(${meterIds}::uuid[]) AND bucket = ANY(${starts}::timestamptz[])`;
  await tx.$executeRaw`DELETE FROM usage_unique_values WHERE customer_id = ${customerId}::uuid AND meter_id = ANY(${meterIds}::uuid[]) AND bucket = ANY(${starts}::timestamptz[])`;
  const events = await tx.$queryRaw<EventRow[]>`
    SELECT e.idempotency_key, e."timestamp", e.received_at, e.properties
    FROM usage_events e
    WHERE e.customer_id = ${customerId}::uuid AND e.event_type = ${eventType} AND ${timestampInHours(hours, "e")} AND e.voided_at IS NULL
    ORDER BY e."timestamp", e.received_at, e.idempotency_key`;
  const active = meters.map((m) => ({ from: m.createdAt, until: m.archivedAt, definition: definition(m) }));
  const prepared = events.map((e) => asPrepared(e, customerId, eventType, active));
  const deltas = rollupDeltas(prepared);
  if (deltas.length > 0) {
    await tx.usageRollup.createMany({
      data: deltas.map((d) => ({
        customerId: d.customerId,
        meterId: d.meterId,
        bucket: d.bucket,
        dimensions: d.dimensions,
        sum: d.sum.toFixed(),
        count: BigInt(d.count),
        max: d.max?.toFixed() ?? null,
        latestValue: d.latestValue?.toFixed() ?? null,
        latestAt: d.latestAt,
      })),
    });
  }
  const uniques = uniqueValueRows(prepared);
  if (uniques.length > 0) await tx.usageUniqueValue.createMany({ data: uniques });
}

/** An event as ingestion saw it: contributing to each meter that was active when it was received. */
function asPrepared(e: EventRow, customerId: string, eventType: string, meters: ActiveMeter[]): PreparedEvent {
  const properties = e.properties ?? {};
  const contributions: MeterContribution[] = [];
  for (const m of meters) {
    if (e.received_at < m.from || (m.until && e.received_at >= m.until)) continue;
    const result = contributionFor(m.definition, properties);
    if (result.ok && result.contribution) contributions.push(result.contribution);
  }
  return { index: 0, id: e.idempotency_key, customerId, externalCustomerId: "", type: eventType, timestamp: e.timestamp, properties, contributions };
}

function definition(m: Meter): MeterDefinition {
  return {
    id: m.id,
    key: m.key,
    eventType: m.eventType,
    aggregation: m.aggregation,
    valueProperty: m.valueProperty,
    groupBy: m.groupBy,
    filters: (m.filters ?? {}) as Record<string, unknown>,
    allowNegative: m.allowNegative,
  };
}
