import type { Aggregation } from "@/lib/db/generated/enums";

/** What ingestion needs to know of a meter. */
export type MeterDefinition = {
  id: string;
  key: string;
  eventType: string;
  aggregation: Aggregation;
  valueProperty: string | null;
  groupBy: string[];
  filters: Record<string, unknown>;
  /** Corrections: negative values are accepted (default false). */
  allowNegative?: boolean;
};

export function needsValue(meter: MeterDefinition): boolean {
  return meter.aggregation === "SUM" || meter.aggregation === "MAX" || meter.aggregation === "LATEST";
}

/** UNIQUE_COUNT meters read their value property as an identity (a user id, a session id) and count distinct ones. */
export function needsIdentity(meter: MeterDefinition): boolean {
  return meter.aggregation === "UNIQUE_COUNT";
}

/** Filters are equality matches on properties: `{ "region": "eu" }` or `{ "model": ["a", "b"] }`. */
export function matchesFilters(meter: MeterDefinition, properties: Record<string, unknown>): boolean {
  for (const [name, expected] of Object.entries(meter.filters)) {
    const actual = properties[name];
    if (Array.isArray(expected) ? !expected.includes(actual) : actual !== expected) return false;
  }
  return true;
}

/** The rollup's dimension key: the group-by values in the meter's order, as JSON (stable, unambiguous). */
export function dimensionKey(meter: MeterDefinition, properties: Record<string, unknown>): string {
  if (meter.groupBy.length === 0) return "";
  return JSON.stringify(meter.groupBy.map((name) => dimensionValue(properties[name])));
}

function dimensionValue(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? v : JSON.stringify(v);
}
