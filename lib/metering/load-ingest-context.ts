import "server-only";
import type { PoolClient } from "pg";
import type { MeterDefinition } from "./meter-definition";

export type IngestContext = {
  customerIdByExternalId: Map<string, string>;
  metersByType: Map<string, MeterDefinition[]>;
};

/** Looks up the customers and active meters that a set of events names, in two indexed queries. */
export async function loadIngestContext(client: PoolClient, externalIds: string[], types: string[]): Promise<IngestContext> {
  const [customers, meters] = await Promise.all([
    client.query<{ id: string; external_id: string }>("SELECT id, external_id FROM customers WHERE external_id = ANY($1::text[])", [externalIds]),
    client.query<{ id: string; key: string; event_type: string; aggregation: MeterDefinition["aggregation"]; value_property: string | null; group_by: string[]; filters: Record<string, unknown> }>(
      "SELECT id, key, event_type, aggregation, value_property, group_by, filters FROM meters WHERE event_type = ANY($1::text[]) AND archived_at IS NULL ORDER BY key",
      [types],
    ),
  ]);
  const metersByType = new Map<string, MeterDefinition[]>();
  for (const m of meters.rows) {
    const def: MeterDefinition = { id: m.id, key: m.key, eventType: m.event_type, aggregation: m.aggregation, valueProperty: m.value_property, groupBy: m.group_by, filters: m.filters ?? {} };
    metersByType.set(m.event_type, [...(metersByType.get(m.event_type) ?? []), def]);
  }
  return { customerIdByExternalId: new Map(customers.rows.map((c) => [c.external_id, c.id])), metersByType };
}
