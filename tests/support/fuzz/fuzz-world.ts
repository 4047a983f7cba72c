import { randomUUID } from "node:crypto";
import { createDraftVersion } from "@/lib/plans/create-draft-version";
import { createTestApiKey, upsertCustomer, upsertMeter, upsertUser } from "@/lib/seed/factories";
import { publishedPlan, subscribe, terms } from "../plan-fixtures";
import { asCurrentUser } from "../session";

/** What the fuzz tests send bad input to: a subscribed customer, an API key, an admin and a member. */
export async function fuzzWorld() {
  const customer = await upsertCustomer({ externalId: "fuzz-customer", name: "Fuzz customer" });
  const key = await createTestApiKey({ name: "fuzz key" });
  const admin = asCurrentUser(await upsertUser({ role: "ADMIN" }));
  const member = asCurrentUser(await upsertUser({ role: "MEMBER", customerId: customer.id }));
  await subscribe(admin, customer.id);
  return { customer, key, admin, member, authorization: `Bearer ${key.secret}` };
}

export type FuzzWorld = Awaited<ReturnType<typeof fuzzWorld>>;

/**
 * Fresh things for one route's fuzzing: a meter and a plan with a published version and a draft, so that a
 * route fuzzed before (which archived a meter or published a draft with a good id) leaves the next one
 * something to reach. Good path params by name, and valid bodies by "METHOD /url/path".
 */
export async function routeTargets(w: FuzzWorld) {
  const tag = randomUUID().slice(0, 8);
  const meter = await upsertMeter({ key: `fuzz_${tag}`, eventType: `fuzz_${tag}`, aggregation: "SUM", valueProperty: "tokens", groupBy: ["model"] });
  const prices = [{ meterId: meter.id, model: { kind: "per_unit" as const, unitPrice: "0.001" } }];
  const plan = await publishedPlan(w.admin, { prices }, `Fuzz plan ${tag}`);
  const draft = await createDraftVersion(w.admin, plan.planId, { fromVersionId: null });
  const event = { id: `fuzz-${tag}`, customer: w.customer.externalId, type: meter.eventType, timestamp: new Date().toISOString(), properties: { tokens: 12, model: "m" } };
  const params: Record<string, string> = {
    externalId: w.customer.externalId,
    customerId: w.customer.id,
    number: "MTR-2026-000001",
    id: meter.id,
    planId: plan.planId,
    versionId: draft.versionId,
    table: "revenue",
  };
  const bodies: Record<string, object[]> = {
    "POST /api/v1/events": [event, { events: [event, { ...event, id: `fuzz-${tag}-2` }] }],
    "POST /api/admin/meters": [{ key: `new_${tag}`, name: "New", eventType: `new_${tag}`, aggregation: "SUM", valueProperty: "tokens", groupBy: ["model"], filters: { region: ["eu"] } }],
    "PATCH /api/admin/meters/[id]": [{ name: "Renamed", unit: "tokens", groupBy: ["model"] }],
    "POST /api/admin/plans": [{ name: "Fuzz plan", description: "d", currency: "USD" }],
    "POST /api/admin/plans/[planId]/versions": [{ fromVersionId: plan.versionId }],
    "PUT /api/admin/plan-versions/[versionId]": [terms({ prices })],
    "POST /api/admin/plan-versions/[versionId]/quote": [{ quantities: { [meter.id]: "1500000" } }],
    "POST /api/admin/customers/[customerId]/subscription": [{ planVersionId: plan.versionId }],
    "POST /api/admin/customers/[customerId]/subscription/change": [{ planVersionId: plan.versionId, timing: "period_end" }],
    "POST /api/admin/event-voids": [
      { customer: w.customer.externalId, eventId: event.id, reason: "fuzz test" },
      { customer: w.customer.externalId, eventType: meter.eventType, from: "2026-01-01T00:00:00Z", to: "2026-01-02T00:00:00Z", property: { name: "model", value: "m" }, reason: "fuzz test" },
    ],
    "POST /api/admin/webhooks": [{ url: "http://127.0.0.1:9/hook", description: "d", eventTypes: [], enabled: false }],
  };
  return { meter, plan, draft, params, bodies };
}
