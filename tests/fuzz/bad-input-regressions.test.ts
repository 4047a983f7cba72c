import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { GET as getCredits } from "@/app/api/v1/customers/[externalId]/credits/route";
import { GET as getEntitlements } from "@/app/api/v1/customers/[externalId]/entitlements/route";
import { GET as getInvoice } from "@/app/api/v1/customers/[externalId]/invoices/[number]/route";
import { PUT as putVersion } from "@/app/api/admin/plan-versions/[versionId]/route";
import { createPlan } from "@/lib/plans/create-plan";
import { POST as postPlan } from "@/app/api/admin/plans/route";
import { POST as postVoids } from "@/app/api/admin/event-voids/route";
import { prisma } from "@/lib/db/client";
import { callRaw } from "../support/raw-request";
import { meteredCustomer } from "../support/fixtures";
import { signInAs } from "../support/session";
import { adminUser } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

// The bugs the fuzz tests (api-bad-input, server-actions-bad-input) found, one example each: each was a
// 500, or a 4xx that named no field.
type World = Awaited<ReturnType<typeof meteredCustomer>>;
let w: World;

beforeAll(async () => {
  w = await meteredCustomer();
  signInAs(await adminUser());
});

const events = (body: string) =>
  callRaw(postEvents as never, { method: "POST", url: "http://localhost/api/v1/events", headers: { authorization: `Bearer ${w.key.secret}`, "content-type": "application/json" }, body });
const event = (over: object = {}) => ({ id: `r-${Math.random().toString(36).slice(2)}`, customer: w.customer.externalId, type: w.meter.eventType, properties: { tokens: 1, model: "m" }, ...over });
const stored = () => prisma.usageEvent.count({ where: { customerId: w.customer.id } });

describe("POST /api/v1/events", () => {
  it("refuses properties nested 10,000 deep with 422 max_depth (was a 500: the NUL check overflowed the stack)", async () => {
    const before = await stored();
    const body = JSON.stringify(event({ properties: { tokens: 1, model: "m", deep: "@" } })).replace('"@"', "[".repeat(10_000) + "]".repeat(10_000));
    const a = await events(body);
    expect(a.status).toBe(422);
    expect(a.json.error.problems).toEqual([expect.objectContaining({ field: "properties", rule: "max_depth" })]);
    expect(await stored()).toBe(before);
  });

  it.each([
    ["a property value", { properties: { tokens: 1, model: "\ud800" } }, "properties.model"],
    ["a property name", { properties: { tokens: 1, model: "m", "\udc00": 1 } }, "properties"],
    ["the id", { id: "id-\ud800" }, "id"],
  ])("names a lone surrogate in %s, rule well_formed_unicode (was a 422 naming no field: the database refused the group)", async (_what, over, field) => {
    const before = await stored();
    const a = await events(JSON.stringify(event(over)));
    expect(a.status).toBe(422);
    expect(a.json.error.problems).toEqual([expect.objectContaining({ field, rule: "well_formed_unicode" })]);
    expect(await stored()).toBe(before);
  });

  it("rejects only the event whose customer holds NUL, storing the rest of the batch (was a 500: the customer lookup failed)", async () => {
    const before = await stored();
    const a = await events(JSON.stringify({ events: [event({ customer: "acme\u0000" }), event()] }));
    expect(a.status).toBe(202);
    expect(a.json.events[0]).toMatchObject({ status: "rejected", problems: [expect.objectContaining({ field: "customer", rule: "no_nul_character" })] });
    expect(a.json.events[1].status).toBe("accepted");
    expect(await stored()).toBe(before + 1);
  });

  it.each([
    ["malformed JSON", '{"id": ', 400, "json"],
    ["an empty body", "", 400, "required"],
    ["a body over 1 MB", JSON.stringify({ pad: "x".repeat(1024 * 1024 + 1) }), 413, "max_bytes"],
  ])("names the body and the rule for %s (was an error without problems)", async (_what, body, status, rule) => {
    const a = await events(body);
    expect(a.status).toBe(status);
    expect(a.json.error.problems).toEqual([expect.objectContaining({ field: "(body)", rule })]);
  });
});

describe("other routes", () => {
  it.each([["NUL", "\u0000"], ["a lone surrogate", "\ud800"]])("answers 404 for a customer externalId holding %s (was a 500: the query failed)", async (_what, externalId) => {
    const a = await callRaw(getCredits as never, { method: "GET", url: "http://localhost/api/v1/customers/x/credits", headers: { authorization: `Bearer ${w.key.secret}` }, params: { externalId } });
    expect(a.status).toBe(404);
    expect(a.json.error.code).toBe("NOT_FOUND");
  });

  it("refuses NUL in an admin body with 422 naming the field (was a 500 from the database), creating nothing", async () => {
    const plans = await prisma.plan.count();
    const a = await callRaw(postPlan as never, { method: "POST", url: "http://localhost/api/admin/plans", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Plan\u0000", currency: "USD" }) });
    expect(a.status).toBe(422);
    expect(a.json.error.problems).toEqual([expect.objectContaining({ field: "name", rule: "no_nul_character" })]);
    expect(await prisma.plan.count()).toBe(plans);
    const v = await callRaw(postVoids as never, { method: "POST", url: "http://localhost/api/admin/event-voids", headers: { "content-type": "application/json" }, body: JSON.stringify({ customer: w.customer.externalId, eventId: "e", reason: "why\u0000" }) });
    expect(v.status).toBe(422);
    expect(v.json.error.problems).toEqual([expect.objectContaining({ field: "reason", rule: "no_nul_character" })]);
  });
});

describe("found by a longer run (FUZZ_RUNS=100, FUZZ_SEED=99)", () => {
  const key = () => ({ authorization: `Bearer ${w.key.secret}` });

  it("entitlements: a NUL externalId is a 404, a NUL meter a 422 naming meter (was a 500)", async () => {
    const a = await callRaw(getEntitlements as never, { method: "GET", url: "http://localhost/x", headers: key(), params: { externalId: "\u0000" } });
    expect(a.status).toBe(404);
    const m = await callRaw(getEntitlements as never, { method: "GET", url: "http://localhost/x?meter=%00", headers: key(), params: { externalId: w.customer.externalId } });
    expect(m.status).toBe(422);
    expect(m.json.error.problems).toEqual([expect.objectContaining({ field: "meter", rule: "no_nul_character" })]);
  });

  it("an invoice number holding a lone surrogate is a 404 (was a 500: Prisma could not send it)", async () => {
    const a = await callRaw(getInvoice as never, { method: "GET", url: "http://localhost/x", headers: key(), params: { externalId: w.customer.externalId, number: "\ud800" } });
    expect(a.status).toBe(404);
  });

  it("a plan version's unitPrice that is not a number is a 422 naming it (was a 500 from Decimal)", async () => {
    const admin = await adminUser();
    const { draftVersionId } = await createPlan(admin, { name: "Regression plan", currency: "USD" });
    const body = { currency: "USD", interval: "MONTH", baseFeeMinor: 0, minimumSpendMinor: 0, trialDays: 0, paymentTerms: "POSTPAID", prices: [{ meterId: w.meter.id, model: { kind: "per_unit", unitPrice: "a\ufffdb" } }] };
    const a = await callRaw(putVersion as never, { method: "PUT", url: "http://localhost/x", headers: { "content-type": "application/json" }, body: JSON.stringify(body), params: { versionId: draftVersionId } });
    expect(a.status).toBe(422);
    expect(a.json.error.problems.map((p: { field: string }) => p.field)).toContain("prices.0.model.unitPrice");
  });
});
