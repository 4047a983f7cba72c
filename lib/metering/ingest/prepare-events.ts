import type { FieldProblem } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";
import { parseEventInput } from "./parse-event-input";
import type { IngestContext } from "./load-ingest-context";
import { contributionFor, type MeterContribution } from "@/lib/metering/meters/meter-contribution";
import { unstorableText } from "@/lib/errors/unstorable-text";
import type { PreparedEvent } from "@/lib/metering/meters/prepared-event";

/** How deep an event's properties may nest (objects and arrays inside properties). */
export const MAX_PROPERTIES_DEPTH = 100;

export type { MeterContribution } from "@/lib/metering/meters/meter-contribution";
export type { PreparedEvent } from "@/lib/metering/meters/prepared-event";

export type Rejection = { index: number; id: string | null; status: "rejected"; problems: FieldProblem[] };

export type TimeWindow = { now: Date; maxAgeDays: number; maxFutureMinutes: number };

/** Validates one raw event against the schema, the known customers and meters, and the accepted time window. */
export function prepareEvent(
  raw: unknown,
  index: number,
  ctx: IngestContext,
  window: TimeWindow,
): PreparedEvent | Rejection {
  const parsed = parseEventInput(raw);
  const rawId = typeof (raw as { id?: unknown })?.id === "string" ? (raw as { id: string }).id : null;
  if (!parsed.success) return { index, id: rawId, status: "rejected", problems: zodProblems(parsed.error) };
  const e = parsed.data;
  // Text the database cannot store, or properties nested past MAX_PROPERTIES_DEPTH: this event only is rejected.
  const unstorable =
    unstorableText(e.id, "id") ??
    unstorableText(e.customer, "customer") ??
    unstorableText(e.type, "type") ??
    unstorableText(e.properties, "properties", MAX_PROPERTIES_DEPTH);
  if (unstorable) return { index, id: rawId, status: "rejected", problems: [unstorable] };
  const problems: FieldProblem[] = [];
  const customerId = ctx.customerIdByExternalId.get(e.customer);
  if (!customerId)
    problems.push({
      field: "customer",
      rule: "known_customer",
      message: `No customer with externalId "${e.customer}"`,
    });
  const suspension = ctx.suspended.get(e.customer);
  if (suspension)
    problems.push({
      field: "customer",
      rule: "account_suspended",
      message: `Customer "${e.customer}" is suspended: ${suspension}`,
    });
  const meters = ctx.metersByType.get(e.type) ?? [];
  if (meters.length === 0)
    problems.push({
      field: "type",
      rule: "known_event_type",
      message: `No active meter counts events of type "${e.type}"`,
    });
  const timestamp = e.timestamp ? new Date(e.timestamp) : window.now;
  const windowProblem = checkWindow(timestamp, window);
  if (windowProblem) problems.push(windowProblem);
  const properties = e.properties ?? {};
  const contributions: MeterContribution[] = [];
  for (const meter of meters) {
    const result = contributionFor(meter, properties);
    if (!result.ok) {
      if (!problems.some((p) => p.field === result.problem.field)) problems.push(result.problem);
    } else if (result.contribution) {
      contributions.push(result.contribution);
    }
  }
  if (problems.length > 0 || !customerId) return { index, id: e.id, status: "rejected", problems };
  return {
    index,
    id: e.id,
    customerId,
    externalCustomerId: e.customer,
    type: e.type,
    timestamp,
    properties,
    contributions,
  };
}

function checkWindow(ts: Date, w: TimeWindow): FieldProblem | null {
  const ageMs = w.now.getTime() - ts.getTime();
  if (ageMs > w.maxAgeDays * 86_400_000) {
    return {
      field: "timestamp",
      rule: "too_old",
      message: `timestamp is more than ${w.maxAgeDays} days in the past`,
    };
  }
  if (-ageMs > w.maxFutureMinutes * 60_000) {
    return {
      field: "timestamp",
      rule: "in_future",
      message: `timestamp is more than ${w.maxFutureMinutes} minutes in the future`,
    };
  }
  return null;
}
