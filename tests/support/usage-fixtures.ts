import { randomUUID } from "node:crypto";
import { POST as postEventsRoute } from "@/app/api/v1/events/route";
import { GET as getUsageRoute } from "@/app/api/v1/usage/route";
import { createTestApiKey, upsertCustomer, upsertMeter, upsertUser } from "@/lib/seed/factories";
import type { Aggregation } from "@/lib/db/generated/enums";
import { callRoute } from "./call-route";
import { asCurrentUser } from "./session";

const HOUR = 3_600_000;

/** The start of the hour `n` hours before the current one, plus `minutes`: inside the accepted event window. */
export function hoursAgo(n: number, minutes = 0): Date {
  const hour = Math.floor(Date.now() / HOUR) * HOUR;
  return new Date(hour - n * HOUR + minutes * 60_000);
}

export const tag = () => randomUUID().slice(0, 8);

export async function customerWithKey(name = "usage") {
  const t = tag();
  const customer = await upsertCustomer({ externalId: `${name}-${t}`, name: `${name} ${t}` });
  const key = await createTestApiKey({ name: `${name} key ${t}`, customerId: customer.id });
  return { customer, key };
}

/** A meter with a unique key and event type. */
export async function meter(aggregation: Aggregation, opts: { valueProperty?: string | null; groupBy?: string[]; filters?: Record<string, unknown>; allowNegative?: boolean } = {}) {
  const t = tag();
  return upsertMeter({
    key: `${aggregation.toLowerCase()}_${t}`,
    eventType: `evt_${aggregation.toLowerCase()}_${t}`,
    aggregation,
    valueProperty: opts.valueProperty === undefined ? (aggregation === "COUNT" ? null : "value") : opts.valueProperty,
    groupBy: opts.groupBy ?? [],
    filters: opts.filters ?? {},
    allowNegative: opts.allowNegative ?? false,
  });
}

export async function adminUser() {
  return asCurrentUser(await upsertUser({ role: "ADMIN" }));
}

export async function memberOf(customerId: string) {
  return asCurrentUser(await upsertUser({ role: "MEMBER", customerId }));
}

type Ev = { id?: string; at: Date; props?: Record<string, unknown> };

/** Posts events of one type for one customer through the public API; throws unless all were accepted. */
export async function send(key: string, customer: string, type: string, events: Ev[]) {
  const body = { events: events.map((e) => ({ id: e.id ?? `e-${randomUUID()}`, customer, type, timestamp: e.at.toISOString(), properties: e.props ?? {} })) };
  const res = await callRoute(postEventsRoute, { key, body });
  if (res.status !== 202 || res.json.accepted !== events.length) throw new Error(`events not all accepted: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/** GET /api/v1/usage with these params. */
export function usage(key: string, params: Record<string, string>) {
  const url = `http://localhost/api/v1/usage?${new URLSearchParams(params)}`;
  return callRoute(getUsageRoute, { key, url });
}
