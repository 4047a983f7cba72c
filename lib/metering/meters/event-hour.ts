import { Prisma } from "@/lib/db/generated/client";

/**
 * usage_events is indexed by (customer_id, event_type, the UTC hour of "timestamp"): see the
 * usage_events_hour_index migration. PostgreSQL uses that index only for conditions on the same
 * expression, so every query for a customer's events of a type over a time range takes its condition
 * from here.
 */
const hourOf = (alias?: string) => Prisma.raw(`date_trunc('hour', ${alias ? `${alias}.` : ""}"timestamp" AT TIME ZONE 'UTC')`);

/** Events whose timestamp is in [from, to): the hours the range touches, which the index finds, then the exact range. */
export function timestampInRange(from: Date, to: Date): Prisma.Sql {
  const hour = hourOf();
  return Prisma.sql`${hour} >= date_trunc('hour', ${from}::timestamptz AT TIME ZONE 'UTC') AND ${hour} <= date_trunc('hour', ${to}::timestamptz AT TIME ZONE 'UTC') AND "timestamp" >= ${from} AND "timestamp" < ${to}`;
}

/**
 * Events (of the table aliased `alias`, if given) in the given UTC hours (each an hour's start, as
 * hourBucket makes them, at least one): the index finds the span from the first hour to the last, then
 * the list picks the hours.
 */
export function timestampInHours(hours: Date[], alias?: string): Prisma.Sql {
  const hour = hourOf(alias);
  // UTC wall-clock times (timestamp without time zone), the type of the indexed expression.
  const starts = hours.map((h) => h.toISOString().slice(0, 23)).sort();
  return Prisma.sql`${hour} >= ${starts[0]}::timestamp AND ${hour} <= ${starts[starts.length - 1]}::timestamp AND ${hour} = ANY(${starts}::timestamp[])`;
}
