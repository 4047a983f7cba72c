import "server-only";
import { prisma } from "@/lib/db/client";

type MeterView = { key: string; aggregation: string; valueProperty: string | null; unit: string };

/**
 * What each event reports to each meter of its type, for people: "tokens_in: 1200 tokens". COUNT meters
 * count 1; the others read their value property (as sent: a missing one says so). Meters of the events'
 * types, archived ones included, in one query.
 */
export async function quantityLabeller(types: string[]): Promise<(e: { type: string; properties: Record<string, unknown> }) => string> {
  const meters = types.length === 0 ? [] : await prisma.meter.findMany({ where: { eventType: { in: [...new Set(types)] } }, orderBy: { key: "asc" }, select: { key: true, eventType: true, aggregation: true, valueProperty: true, unit: true } });
  const byType = new Map<string, MeterView[]>();
  for (const m of meters) byType.set(m.eventType, [...(byType.get(m.eventType) ?? []), m]);
  return (e) =>
    (byType.get(e.type) ?? [])
      .map((m) => {
        if (m.aggregation === "COUNT" || !m.valueProperty) return `${m.key}: 1`;
        const v = e.properties[m.valueProperty];
        return `${m.key}: ${v === undefined ? "(none)" : typeof v === "string" ? v : JSON.stringify(v)} ${m.unit}`;
      })
      .join("; ");
}
