import type { Meter } from "@/lib/db/generated/client";

/** A meter as the admin API answers it. */
export type MeterJson = {
  id: string;
  key: string;
  name: string;
  eventType: string;
  aggregation: Meter["aggregation"];
  valueProperty: string | null;
  groupBy: string[];
  filters: Record<string, unknown>;
  unit: string;
  allowNegative: boolean;
  archivedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export function meterJson(m: Meter): MeterJson {
  return {
    id: m.id,
    key: m.key,
    name: m.name,
    eventType: m.eventType,
    aggregation: m.aggregation,
    valueProperty: m.valueProperty,
    groupBy: m.groupBy,
    filters: (m.filters ?? {}) as Record<string, unknown>,
    unit: m.unit,
    allowNegative: m.allowNegative,
    archivedAt: m.archivedAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
