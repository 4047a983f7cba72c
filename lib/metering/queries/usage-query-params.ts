import { z } from "zod";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";
import { currentMonthUtc } from "./period-bounds";

export const GRANULARITIES = ["hour", "day", "month"] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The longest range each granularity answers: a chart's worth of buckets. */
export const MAX_RANGE_DAYS: Record<Granularity, number> = { hour: 31, day: 400, month: 3660 };

const instant = (name: string) =>
  z.union([z.iso.datetime({ offset: true }), z.iso.date()], {
    error: `${name} must be an ISO 8601 date (2026-01-31) or date-time with a UTC offset (2026-01-31T12:00:00Z)`,
  });

/** The usage query's parameters (the portal's and the public API's; the OpenAPI document reads them too). */
export const usageQuerySchema = z.object({
  meter: z.string().max(63, "meter must be at most 63 characters"),
  from: instant("from").optional(),
  to: instant("to").optional(),
  granularity: z.enum(GRANULARITIES, { error: `granularity must be one of ${GRANULARITIES.join(", ")}` }).default("day"),
  groupBy: z.string().min(1, "groupBy must name one of the meter's dimensions").max(64).optional(),
});

export type UsageQueryParams = { meter: string; from: Date; to: Date; granularity: Granularity; groupBy: string | null };

/**
 * Reads `meter`, `from`, `to`, `granularity` and `groupBy` from a query string. Rollups are hourly, so the
 * range is widened to whole hours (from rounded down, to rounded up); the answer states the range used.
 * Defaults: from the start of this month (UTC) to the end of the current hour, by day.
 */
export function parseUsageQueryParams(search: URLSearchParams, now = new Date()): UsageQueryParams {
  if (!search.get("meter")) {
    throw invalid([{ field: "meter", rule: "required", message: "meter is required (a meter key)" }]);
  }
  const raw = Object.fromEntries(["meter", "from", "to", "granularity", "groupBy"].flatMap((k) => (search.has(k) ? [[k, search.get(k)]] : [])));
  const parsed = usageQuerySchema.safeParse(raw);
  if (!parsed.success) throw invalid(zodProblems(parsed.error));
  const p = parsed.data;
  const from = floorHour(p.from ? new Date(p.from) : currentMonthUtc(now).from);
  const to = ceilHour(p.to ? new Date(p.to) : now);
  if (to.getTime() <= from.getTime()) {
    throw invalid([{ field: "to", rule: "after_from", message: "to must be after from" }]);
  }
  const maxDays = MAX_RANGE_DAYS[p.granularity];
  if (to.getTime() - from.getTime() > maxDays * DAY_MS) {
    const message = `${p.granularity} granularity covers at most ${maxDays} days; shorten the range or use a coarser granularity`;
    throw invalid([{ field: "from", rule: "range_too_long", message }]);
  }
  return { meter: p.meter, from, to, granularity: p.granularity, groupBy: p.groupBy ?? null };
}

export function floorHour(d: Date): Date {
  return new Date(Math.floor(d.getTime() / HOUR_MS) * HOUR_MS);
}

export function ceilHour(d: Date): Date {
  return new Date(Math.ceil(d.getTime() / HOUR_MS) * HOUR_MS);
}

/** The public API's usage query: the customer by externalId in `customer` (the portal never reads it), then usageQuerySchema's. */
export const usageApiQuerySchema = z.object({
  customer: z.string().trim().min(1, "customer is required (the customer's externalId)"),
  ...usageQuerySchema.shape,
});

/** The `customer` parameter, trimmed; absent or blank is a 422 naming it. */
export function customerParam(search: URLSearchParams): string {
  const customer = usageApiQuerySchema.shape.customer.safeParse(search.get("customer") ?? "");
  if (customer.success) return customer.data;
  throw invalid([{ field: "customer", rule: "required", message: "customer is required (the customer's externalId)" }]);
}

function invalid(problems: FieldProblem[]): AppError {
  return new AppError("UNPROCESSABLE", `Invalid usage query: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, { problems });
}
