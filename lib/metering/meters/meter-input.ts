import { z } from "zod";
import type { FieldProblem } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";

export const AGGREGATIONS = ["SUM", "COUNT", "MAX", "UNIQUE_COUNT", "LATEST"] as const;
export type AggregationName = (typeof AGGREGATIONS)[number];

export const METER_KEY = /^[a-z][a-z0-9_]{1,62}$/;
/** An event property name: what `properties.<name>` may be called. */
export const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const EVENT_TYPE = /^[A-Za-z0-9][A-Za-z0-9_.:/-]{0,127}$/;

export const MAX_GROUP_BY = 5;
export const MAX_FILTERS = 10;
export const MAX_FILTER_VALUES = 100;

const propertyName = (what: string) =>
  z.string({ error: `${what} must be a property name` }).trim().regex(PROPERTY_NAME, `${what} must start with a letter or _ and hold up to 64 letters, digits, _, . or -`);

const filterValue = z.union([z.string().max(200, "filter values must be at most 200 characters"), z.number().finite(), z.boolean()], {
  error: "a filter value must be a string, a number or a boolean",
});

/** The fields of a meter as the admin API and forms send them. */
export const meterFieldsSchema = z.object({
  key: z.string({ error: "key is required" }).trim().regex(METER_KEY, "key must start with a lowercase letter and hold 2 to 63 lowercase letters, digits or _"),
  name: z.string({ error: "name is required" }).trim().min(1, "name is required").max(100, "name must be at most 100 characters"),
  eventType: z
    .string({ error: "eventType is required" })
    .trim()
    .regex(EVENT_TYPE, "eventType must start with a letter or digit and hold up to 128 letters, digits, _, ., :, / or -"),
  aggregation: z.enum(AGGREGATIONS, { error: `aggregation must be one of ${AGGREGATIONS.join(", ")}` }),
  valueProperty: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? null : v), propertyName("valueProperty").nullish()),
  groupBy: z.array(propertyName("each groupBy entry"), { error: "groupBy must be a list of property names" }).max(MAX_GROUP_BY, `at most ${MAX_GROUP_BY} group-by dimensions`).default([]),
  filters: z
    .record(propertyName("each filter's property"), z.union([filterValue, z.array(filterValue).min(1, "a list of allowed values must not be empty").max(MAX_FILTER_VALUES)]), {
      error: 'filters must be an object: { "region": "eu" } or { "model": ["a", "b"] }',
    })
    .default({}),
  unit: z.string().trim().min(1, "unit must not be empty").max(32, "unit must be at most 32 characters").default("units"),
  allowNegative: z.boolean({ error: "allowNegative must be true or false" }).default(false),
});

export type MeterFields = {
  key: string;
  name: string;
  eventType: string;
  aggregation: AggregationName;
  valueProperty: string | null;
  groupBy: string[];
  filters: Record<string, string | number | boolean | (string | number | boolean)[]>;
  unit: string;
  allowNegative: boolean;
};

export type MeterValidation = { ok: true; value: MeterFields } | { ok: false; problems: FieldProblem[] };

/** Validates a whole meter definition: field formats, then the rules that tie fields together. */
export function validateMeterFields(input: unknown): MeterValidation {
  const parsed = meterFieldsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, problems: zodProblems(parsed.error) };
  const m: MeterFields = { ...parsed.data, valueProperty: parsed.data.valueProperty ?? null };
  const problems = crossFieldProblems(m);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: m };
}

function crossFieldProblems(m: MeterFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (m.aggregation === "COUNT") {
    if (m.valueProperty) problems.push({ field: "valueProperty", rule: "not_applicable", message: "COUNT meters count events: leave the value property empty" });
  } else if (!m.valueProperty) {
    const what = m.aggregation === "UNIQUE_COUNT" ? "the identity property whose distinct values are counted (e.g. user_id)" : "the property holding the number (e.g. tokens)";
    problems.push({ field: "valueProperty", rule: "required", message: `${m.aggregation} meters need a value property: ${what}` });
  }
  if (m.allowNegative && (m.aggregation === "COUNT" || m.aggregation === "UNIQUE_COUNT")) {
    problems.push({ field: "allowNegative", rule: "not_applicable", message: "Negative values (corrections) apply to SUM, MAX and LATEST meters only" });
  }
  const seen = new Set<string>();
  m.groupBy.forEach((name, i) => {
    if (seen.has(name)) problems.push({ field: `groupBy.${i}`, rule: "unique", message: `"${name}" is listed twice` });
    seen.add(name);
  });
  if (Object.keys(m.filters).length > MAX_FILTERS) problems.push({ field: "filters", rule: "too_big", message: `at most ${MAX_FILTERS} filters` });
  return problems;
}

/** The fields that decide what an event adds to a meter: fixed once the meter has usage. */
export const DEFINING_FIELDS = ["eventType", "aggregation", "valueProperty", "groupBy", "filters"] as const;

/** JSON equality that ignores object key order (filters compare as values). */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}
