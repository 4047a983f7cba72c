import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as getSubsRoute, POST as assignRoute } from "@/app/api/admin/customers/[customerId]/subscription/route";
import { POST as changeRoute } from "@/app/api/admin/customers/[customerId]/subscription/change/route";
import { POST as cancelRoute } from "@/app/api/admin/customers/[customerId]/subscription/cancel/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createPlan } from "@/lib/plans/create-plan";
import { prisma } from "@/lib/db/client";
import { upsertCustomer } from "@/lib/seed/factories";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { callRoute } from "../support/call-route";
import { publishedPlan } from "../support/plan-fixtures";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, memberOf, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Route = Parameters<typeof callRoute>[0];
const call = (route: unknown, opts: Parameters<typeof callRoute>[1]) => callRoute(route as Route, opts);
const assign = (customerId: string, planVersionId: string) => call(assignRoute, { method: "POST", params: { customerId }, body: { planVersionId } });
const change = (customerId: string, planVersionId: string, timing: string) => call(changeRoute, { method: "POST", params: { customerId }, body: { planVersionId, timing } });
const subsOf = (customerId: string) => prisma.subscription.findMany({ where: { customerId }, orderBy: { createdAt: "asc" } });

describe("subscriptions", () => {
  let admin: CurrentUser;
  let basic: string;
  let pro: string;
  beforeAll(async () => {
    admin = await adminUser();
    basic = (await publishedPlan(admin, { baseFeeMinor: 2000 }, "Basic")).versionId;
    pro = (await publishedPlan(admin, { baseFeeMinor: 10000 }, "Pro")).versionId;
  });
  beforeEach(() => signInAs(admin));

  it("assigns a published version, anchored at the start; a second assignment is 409", async () => {
    const { customer } = await customerWithKey();
    const before = Date.now();
    const res = await assign(customer.id, basic);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    const [sub] = await subsOf(customer.id);
    expect(sub).toMatchObject({ status: "ACTIVE", planVersionId: basic, trialEndsAt: null, endsAt: null });
    expect(sub.anchorAt.getTime()).toBe(sub.startedAt.getTime());
    expect(sub.startedAt.getTime()).toBeGreaterThanOrEqual(before);
    expect((await assign(customer.id, pro)).status).toBe(409);
    const view = await call(getSubsRoute, { params: { customerId: customer.id } });
    expect(view.json.subscriptions).toEqual([expect.objectContaining({ state: "active", plan: expect.objectContaining({ name: "Basic" }) })]);
  });

  it("the database itself refuses a second ACTIVE subscription for a customer", async () => {
    const { customer } = await customerWithKey();
    await assign(customer.id, basic);
    const insert = prisma.$executeRaw`INSERT INTO subscriptions (customer_id, plan_version_id, status, anchor_at, started_at) VALUES (${customer.id}::uuid, ${pro}::uuid, 'ACTIVE', now(), now())`;
    await expect(insert).rejects.toThrow(/subscriptions_one_active_per_customer|unique/i);
  });

  it("refuses drafts, other currencies and unknown versions with 422", async () => {
    const { customer } = await customerWithKey();
    const draft = (await createPlan(admin, { name: "Draft only" })).draftVersionId;
    const euro = (await publishedPlan(admin, { currency: "EUR" }, "Euro")).versionId;
    const refused = [await assign(customer.id, draft), await assign(customer.id, euro), await assign(customer.id, "00000000-0000-4000-8000-000000000000")];
    expect(refused.map((r) => [r.status, r.json.error.problems[0].rule])).toEqual([
      [422, "published"],
      [422, "same_currency"],
      [422, "known_version"],
    ]);
    expect(await subsOf(customer.id)).toEqual([]);
  });

  it("a trial comes first: billing periods are anchored at its end", async () => {
    const { customer } = await customerWithKey();
    const trial = (await publishedPlan(admin, { trialDays: 14, baseFeeMinor: 5000 }, "Trial")).versionId;
    await assign(customer.id, trial);
    const [sub] = await subsOf(customer.id);
    expect(sub.trialEndsAt!.getTime() - sub.startedAt.getTime()).toBe(14 * 86_400_000);
    expect(sub.anchorAt).toEqual(sub.trialEndsAt);
    const view = await call(getSubsRoute, { params: { customerId: customer.id } });
    expect(view.json.subscriptions[0]).toMatchObject({ state: "trialing", currentPeriod: { end: sub.trialEndsAt!.toISOString() } });
  });

  it("upgrades now: the old one ends now, the new one keeps the anchor, and the base fee is prorated to the second", async () => {
    const { customer } = await customerWithKey();
    await assign(customer.id, basic);
    const [old] = await subsOf(customer.id);
    const res = await change(customer.id, pro, "now");
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const [ended, now] = await subsOf(customer.id);
    expect(ended).toMatchObject({ id: old.id, status: "ENDED" });
    expect(now).toMatchObject({ status: "ACTIVE", planVersionId: pro, replacesId: old.id, anchorAt: old.anchorAt });
    expect(ended.endsAt).toEqual(now.startedAt);
    const period = billingPeriodAt(old.anchorAt, "MONTH", now.startedAt);
    const periodSeconds = (period.end.getTime() - period.start.getTime()) / 1000;
    const remaining = Math.floor((period.end.getTime() - now.startedAt.getTime()) / 1000);
    expect(res.json.proration).toMatchObject({ periodSeconds, remainingSeconds: remaining });
    // Just after the start, nearly the whole period is left: 2000 credited, 10000 charged (rounded half-even).
    expect(res.json.proration.creditMinor).toBe(Math.round((2000 * remaining) / periodSeconds));
    expect(res.json.proration.chargeMinor).toBe(Math.round((10000 * remaining) / periodSeconds));
    expect((await change(customer.id, pro, "now")).status).toBe(422);
  });

  it("downgrades at period end: the new version is scheduled from the period's end; cancel drops it", async () => {
    const { customer } = await customerWithKey();
    await assign(customer.id, pro);
    const res = await change(customer.id, basic, "period_end");
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const [current, scheduled] = await subsOf(customer.id);
    const { end } = billingPeriodAt(current.anchorAt, "MONTH", new Date());
    expect(current).toMatchObject({ status: "ACTIVE", endsAt: end, cancelAtPeriodEnd: false });
    expect(scheduled).toMatchObject({ status: "SCHEDULED", planVersionId: basic, startedAt: end, anchorAt: current.anchorAt });
    expect(res.json.proration).toBeNull();

    const cancel = await call(cancelRoute, { method: "POST", params: { customerId: customer.id } });
    expect(cancel.status).toBe(200);
    expect(cancel.json.endsAt).toBe(end.toISOString());
    expect(await subsOf(customer.id)).toEqual([expect.objectContaining({ id: current.id, endsAt: end, cancelAtPeriodEnd: true })]);
  });

  it("an ended subscription is settled lazily, and then the customer can be assigned again", async () => {
    const customer = await upsertCustomer({ externalId: `lapsed-${tag()}` });
    const past = new Date(Date.now() - 60_000);
    await prisma.subscription.create({ data: { customerId: customer.id, planVersionId: basic, status: "ACTIVE", anchorAt: new Date(past.getTime() - 86_400_000), startedAt: new Date(past.getTime() - 86_400_000), endsAt: past, cancelAtPeriodEnd: true } });
    expect((await assign(customer.id, pro)).status).toBe(201);
    expect((await subsOf(customer.id)).map((s) => s.status)).toEqual(["ENDED", "ACTIVE"]);
  });

  it("members cannot read or change subscriptions", async () => {
    const { customer } = await customerWithKey();
    signInAs(await memberOf(customer.id));
    expect((await assign(customer.id, basic)).status).toBe(403);
    expect((await call(getSubsRoute, { params: { customerId: customer.id } })).status).toBe(403);
    expect((await call(cancelRoute, { method: "POST", params: { customerId: customer.id } })).status).toBe(403);
  });
});
