import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { createCustomer } from "@/lib/customers/create-customer";
import { searchCustomers } from "@/lib/customers/search-customers";
import { toAppError } from "@/lib/errors/to-app-error";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import { upsertCustomer, upsertUser } from "@/lib/seed/factories";
import { grant } from "../support/credit-fixtures";
import { publishedPlan } from "../support/plan-fixtures";
import { adminUser, memberOf, tag } from "../support/usage-fixtures";

type Admin = Awaited<ReturnType<typeof adminUser>>;

async function refusal(call: Promise<unknown>) {
  const e = toAppError(await call.then(() => null, (err) => err));
  if (!e) throw new Error("expected a refusal");
  return { code: e.code, problems: e.problems.map((p) => [p.field, p.rule]) };
}

describe("admin: creating customers", () => {
  let admin: Admin;
  let usd: { versionId: string };
  beforeAll(async () => {
    admin = await adminUser();
    usd = await publishedPlan(admin, { currency: "USD", trialDays: 0 }, `Create plan ${tag()}`);
  });

  it("creates a customer with its billing email and plan, audited", async () => {
    const t = tag();
    const made = await createCustomer(admin, { name: ` New ${t} `, externalId: `new-${t}`, currency: "USD", billingEmail: `Billing-${t}@Example.test`, planVersionId: usd.versionId });
    const c = await prisma.customer.findUniqueOrThrow({ where: { id: made.id }, include: { billingProfile: true, subscriptions: true } });
    expect(c).toMatchObject({ name: `New ${t}`, externalId: `new-${t}`, currency: "USD" });
    expect(c.billingProfile?.email).toBe(`billing-${t}@example.test`);
    expect(c.subscriptions.map((s) => s.planVersionId)).toEqual([usd.versionId]);
    expect(made.subscriptionId).toBe(c.subscriptions[0].id);
    const audit = await prisma.auditLog.findFirst({ where: { action: "customer.created", target: made.id } });
    expect(audit?.actorId).toBe(admin.userId);
  });

  it("refuses a taken or malformed externalId, an unknown currency and a plan of another currency, writing nothing", async () => {
    const t = tag();
    await createCustomer(admin, { name: "Taken", externalId: `taken-${t}`, currency: "USD" });
    expect(await refusal(createCustomer(admin, { name: "Again", externalId: `taken-${t}`, currency: "USD" }))).toEqual({ code: "UNPROCESSABLE", problems: [["externalId", "unique"]] });
    expect(await refusal(createCustomer(admin, { name: "Bad", externalId: "has space", currency: "USD" }))).toMatchObject({ problems: [["externalId", "invalid_format"]] });
    expect(await refusal(createCustomer(admin, { name: "", externalId: `e-${t}`, currency: "XXX" }))).toMatchObject({ problems: expect.arrayContaining([["name", "too_small"], ["currency", "invalid_value"]]) });
    expect(await refusal(createCustomer(admin, { name: "Euro", externalId: `eur-${t}`, currency: "EUR", planVersionId: usd.versionId }))).toEqual({ code: "UNPROCESSABLE", problems: [["planVersionId", "same_currency"]] });
    expect(await prisma.customer.count({ where: { externalId: { in: [`e-${t}`, `eur-${t}`, "has space"] } } })).toBe(0);
  });

  it("refuses members", async () => {
    const c = await upsertCustomer();
    const member = await memberOf(c.id);
    const t = tag();
    expect(await refusal(createCustomer(member, { name: "Sneaky", externalId: `sneaky-${t}`, currency: "USD" }))).toMatchObject({ code: "FORBIDDEN" });
    await expect(searchCustomers(member, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await prisma.customer.count({ where: { externalId: `sneaky-${t}` } })).toBe(0);
  });
});

describe("admin: the customer list", () => {
  let admin: Admin;
  const t = tag();
  const faked: string[] = [];
  beforeAll(async () => {
    admin = await adminUser();
  });
  // The usage_credit_periods rows written by hand here have no rated usage behind them: removed, so that
  // the ledger check after the run sees only real ones.
  afterAll(async () => {
    await prisma.usageCreditPeriod.deleteMany({ where: { customerId: { in: faked } } });
  });

  it("finds customers by name, externalId, billing email or member email, with balance, plan, spend and status", async () => {
    const plan = await publishedPlan(admin, {}, `List plan ${t}`);
    const a = await createCustomer(admin, { name: `Zeta ${t}`, externalId: `list-a-${t}`, currency: "USD", billingEmail: `pay-${t}@zeta.test`, planVersionId: plan.versionId });
    const b = await createCustomer(admin, { name: `Alpha ${t}`, externalId: `list-b-${t}`, currency: "USD" });
    await upsertUser({ email: `dev-${t}@alpha.test`, role: "MEMBER", customerId: b.id });
    await grant(b.id, 1250n);
    await prisma.customer.update({ where: { id: b.id }, data: { suspendedAt: new Date(), suspensionReason: "test" } });
    // This period's rated spend, as ingestion keeps it.
    const sub = await prisma.subscription.findFirstOrThrow({ where: { customerId: a.id } });
    faked.push(a.id);
    const period = billingPeriodAt(sub.anchorAt, "MONTH", new Date());
    await prisma.usageCreditPeriod.create({ data: { customerId: a.id, subscriptionId: sub.id, periodStart: period.start, ratedMinor: 4321n } });

    const byTag = await searchCustomers(admin, { q: t, sort: "name" });
    expect(byTag.items.map((c) => c.externalId)).toEqual([`list-b-${t}`, `list-a-${t}`]);
    expect(byTag.total).toBe(2);
    const [alpha, zeta] = byTag.items;
    expect(alpha).toMatchObject({ balanceMinor: 1250n, plan: null, status: "suspended", members: 1 });
    expect(zeta).toMatchObject({ billingEmail: `pay-${t}@zeta.test`, plan: { name: `List plan ${t}`, version: 1, onTrial: false }, spendMinor: 4321n, status: "active" });

    expect((await searchCustomers(admin, { q: `dev-${t}@alpha` })).items.map((c) => c.id)).toEqual([b.id]);
    expect((await searchCustomers(admin, { q: `pay-${t}@ZETA` })).items.map((c) => c.id)).toEqual([a.id]);
    expect((await searchCustomers(admin, { q: `list-a-${t}` })).items.map((c) => c.id)).toEqual([a.id]);
    expect((await searchCustomers(admin, { q: "%" + t })).total).toBe(0);
    expect((await searchCustomers(admin, { q: t, sort: "balance", dir: "desc" })).items[0].id).toBe(b.id);
    expect((await searchCustomers(admin, { q: t, sort: "spend", dir: "desc" })).items[0].id).toBe(a.id);
    expect((await searchCustomers(admin, { q: t, sort: "nonsense", page: "-3" })).params).toMatchObject({ sort: "name", page: 1 });
  });

  it("computes this period's start in SQL as billing-period.ts does, month ends included", async () => {
    const c = await createCustomer(admin, { name: `Period ${t}`, externalId: `period-${t}`, currency: "USD" });
    const plan = await publishedPlan(admin, {}, `Period plan ${t}`);
    const anchor = new Date("2026-01-31T10:00:00Z");
    faked.push(c.id);
    const sub = await prisma.subscription.create({ data: { customerId: c.id, planVersionId: plan.versionId, status: "ACTIVE", startedAt: anchor, anchorAt: anchor } });
    for (const now of ["2026-02-28T10:00:00Z", "2026-03-30T12:00:00Z", "2026-03-31T09:59:59Z", "2026-03-31T10:00:00Z", "2026-05-01T00:00:00Z", "2026-12-06T00:00:00Z"]) {
      const at = new Date(now);
      const start = billingPeriodAt(anchor, "MONTH", at).start;
      await prisma.usageCreditPeriod.upsert({
        where: { customerId_subscriptionId_periodStart: { customerId: c.id, subscriptionId: sub.id, periodStart: start } },
        create: { customerId: c.id, subscriptionId: sub.id, periodStart: start, ratedMinor: BigInt(start.getTime() % 100000) },
        update: {},
      });
      const [row] = (await searchCustomers(admin, { q: `period-${t}` }, at)).items;
      expect({ now, spend: row.spendMinor }).toEqual({ now, spend: BigInt(start.getTime() % 100000) });
    }
  });
});
