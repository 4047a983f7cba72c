import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { recordAudit } from "@/lib/audit/record-audit";
import { timestampInRange } from "../meters/event-hour";
import { hourBucket } from "@/lib/metering/rollups/rollup-deltas";
import { recomputeBuckets } from "./recompute-buckets";
import { recomputePeriodCharges } from "@/lib/period-charges/recompute-period-charges";
import { MAX_VOID_EVENTS, voidMatchingSchema, voidOneSchema, type VoidRequest } from "./void-input";
import { voidNote } from "./void-note";

export type VoidResult = { customer: string; voided: number; eventIds: string[]; hoursRecomputed: number };

const LISTED_IDS = 100;

/**
 * Voids usage events (corrections): one by (customer, id), or all of a type in a time range, optionally
 * with a property equal to a value. In one transaction: the events are marked (voided_at, reason, who),
 * the affected hours' rollups and distinct values are recomputed from the events that remain, and the
 * audit log records who voided what and why. Credits the voided usage had paid for come back as a ledger
 * entry saying which events were voided and why (voidNote). A voided event keeps its id: sending it again is a duplicate.
 */
export async function voidEvents(actor: Actor, input: unknown): Promise<VoidResult> {
  assertAdmin(actor);
  const req = parseVoidRequest(input);
  const customer = await prisma.customer.findUnique({
    where: { externalId: req.customer },
    select: { id: true, externalId: true },
  });
  if (!customer) {
    throw new AppError("UNPROCESSABLE", "Unknown customer", {
      problems: [
        {
          field: "customer",
          rule: "known_customer",
          message: `No customer with externalId "${req.customer}"`,
        },
      ],
    });
  }
  return prisma.$transaction(
    async (tx) => {
      // Ingest transactions hold a key-share lock on the customer row (taken by ingestion's event insert) while they write its
      // events and rollups; FOR UPDATE waits for them and holds new ones off until the recount is committed.
      await tx.$queryRaw`SELECT id FROM customers WHERE id = ${customer.id}::uuid FOR UPDATE`;
      const match = matchSql(customer.id, req);
      if (req.kind === "matching") {
        const [{ n }] = await tx.$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM usage_events WHERE ${match}`;
        if (n > MAX_VOID_EVENTS) {
          const message = `${n} events match; void at most ${MAX_VOID_EVENTS} at a time by narrowing from/to`;
          throw new AppError("UNPROCESSABLE", message, {
            problems: [{ field: "from", rule: "too_many", message }],
          });
        }
      }
      const voided = await tx.$queryRaw<{ idempotency_key: string; event_type: string; timestamp: Date }[]>`
        UPDATE usage_events SET voided_at = now(), void_reason = ${req.reason}, voided_by = ${actor.userId}::uuid
        WHERE ${match}
        RETURNING idempotency_key, event_type, "timestamp"`;
      if (req.kind === "one" && voided.length === 0) await explainNothingVoided(tx, customer.id, req.eventId);
      if (voided.length === 0)
        return { customer: customer.externalId, voided: 0, eventIds: [], hoursRecomputed: 0 };
      const hoursByType = new Map<string, Map<number, Date>>();
      for (const e of voided) {
        const hour = hourBucket(e.timestamp);
        const hours = hoursByType.get(e.event_type) ?? new Map<number, Date>();
        hours.set(hour.getTime(), hour);
        hoursByType.set(e.event_type, hours);
      }
      let hoursRecomputed = 0;
      for (const [type, hours] of [...hoursByType].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const list = [...hours.values()].sort((a, b) => a.getTime() - b.getTime());
        await recomputeBuckets(tx, customer.id, type, list);
        const ofType = voided.filter((e) => e.event_type === type);
        const note = voidNote(type, ofType.map((e) => e.idempotency_key), req.reason);
        await recomputePeriodCharges(tx, customer.id, type, ofType.map((e) => e.timestamp), note);
        hoursRecomputed += list.length;
      }
      const eventIds = voided
        .map((e) => e.idempotency_key)
        .sort()
        .slice(0, LISTED_IDS);
      const { kind, reason, ...criteria } = req;
      await recordAudit(
        actor,
        "usage.voided",
        customer.id,
        { reason, kind, criteria, voided: voided.length, eventIds },
        tx,
      );
      return { customer: customer.externalId, voided: voided.length, eventIds, hoursRecomputed };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/** One event (`eventId`) or a filter (`eventType`, `from`, `to`, `property`), each with a customer and a reason. */
export function parseVoidRequest(input: unknown): VoidRequest {
  const isOne = typeof input === "object" && input !== null && "eventId" in input;
  return isOne
    ? { kind: "one", ...voidOneSchema.parse(input) }
    : { kind: "matching", ...voidMatchingSchema.parse(input) };
}

function matchSql(customerId: string, req: VoidRequest): Prisma.Sql {
  const base = Prisma.sql`customer_id = ${customerId}::uuid AND voided_at IS NULL`;
  if (req.kind === "one") return Prisma.sql`${base} AND idempotency_key = ${req.eventId}`;
  const range = Prisma.sql`${base} AND event_type = ${req.eventType} AND ${timestampInRange(new Date(req.from), new Date(req.to))}`;
  if (!req.property) return range;
  return Prisma.sql`${range} AND properties ->> ${req.property.name} = ${String(req.property.value)}`;
}

async function explainNothingVoided(
  tx: Prisma.TransactionClient,
  customerId: string,
  eventId: string,
): Promise<never> {
  const event = await tx.usageEvent.findUnique({
    where: { customerId_idempotencyKey: { customerId, idempotencyKey: eventId } },
    select: { voidedAt: true },
  });
  if (event?.voidedAt)
    throw new AppError(
      "CONFLICT",
      `Event "${eventId}" was already voided at ${event.voidedAt.toISOString()}`,
    );
  throw new AppError("NOT_FOUND", `No event "${eventId}" for this customer`, {
    problems: [{ field: "eventId", rule: "known_event", message: `No event "${eventId}" for this customer` }],
  });
}
