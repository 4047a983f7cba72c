import { spawnSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { adjustCredits } from "@/lib/ledger/adjust-credits";
import { expireGrants } from "@/lib/ledger/expire-grants";
import { getCreditSummary } from "@/lib/ledger/get-credit-summary";
import { grantPromotionalCredits } from "@/lib/ledger/grant-promotional-credits";
import { listLedgerEntries } from "@/lib/ledger/list-ledger-entries";
import { runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { createTestApiKey } from "@/lib/seed/factories";
import { createDraftVersion } from "@/lib/plans/create-draft-version";
import { publishPlanVersion } from "@/lib/plans/publish-plan-version";
import { changeSubscription } from "@/lib/subscriptions/change-subscription";
import { upsertMeter } from "@/lib/seed/factories";
import { balanceOf, creditPlan, grant, outcome, refusalOf } from "../support/credit-fixtures";
import { adminUser, customerWithKey, memberOf } from "../support/usage-fixtures";

const DAY = 86_400_000;
let admin: CurrentUser;
const touched: string[] = [];

async function customer() {
  const { customer } = await customerWithKey("credits");
  touched.push(customer.externalId);
  return customer;
}

beforeAll(async () => {
  admin = await adminUser();
});

describe("credit ledger", () => {
  it("burns in order (soonest expiry, then priority, then oldest) and keeps balance = entries = grants", async () => {
    const c = await customer();
    const never = await grant(c.id, 1000n, { kind: "PURCHASE" });
    const promo = await grant(c.id, 300n, { expiresAt: new Date(Date.now() + 20 * DAY), priority: 20 });
    const trial = await grant(c.id, 200n, {
      kind: "TRIAL",
      expiresAt: new Date(Date.now() + 5 * DAY),
      priority: 10,
    });
    await adjustCredits(admin, c.id, { amount: "-6.00", reason: "billing error" });
    const grants = await prisma.creditGrant.findMany({ where: { customerId: c.id } });
    const left = Object.fromEntries(grants.map((g) => [g.id, g.remainingMinor]));
    expect(left[trial.grantId]).toBe(0n);
    expect(left[promo.grantId]).toBe(0n);
    expect(left[never.grantId]).toBe(900n);
    expect(await balanceOf(c.id)).toBe(900n);
    const entries = await prisma.creditLedgerEntry.findMany({
      where: { customerId: c.id },
      orderBy: { seq: "asc" },
    });
    expect(entries.map((e) => [e.seq, e.kind, e.amountMinor, e.balanceAfterMinor])).toEqual([
      [1n, "GRANT", 1000n, 1000n],
      [2n, "GRANT", 300n, 1300n],
      [3n, "GRANT", 200n, 1500n],
      [4n, "ADJUSTMENT", -600n, 900n],
    ]);
    expect(await runLedgerCheck(process.env.DATABASE_URL!, [c.externalId])).toEqual([]);
  });

  it("admins grant expiring promotional credits and adjust with a reason, audited; bad input is a 422 with fields", async () => {
    const c = await customer();
    await grantPromotionalCredits(admin, c.id, {
      amount: "25.00",
      expiresAt: "2099-12-31",
      description: "Launch promo",
    });
    const g = await prisma.creditGrant.findFirstOrThrow({ where: { customerId: c.id } });
    expect([g.kind, g.amountMinor, g.expiresAt?.toISOString()]).toEqual([
      "PROMOTIONAL",
      2500n,
      "2099-12-31T23:59:59.999Z",
    ]);
    await adjustCredits(admin, c.id, { amount: "5", reason: "goodwill" });
    expect(await balanceOf(c.id)).toBe(3000n);
    const audit = await prisma.auditLog.findMany({
      where: { target: c.id, action: { startsWith: "credits." } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["credits.granted", admin.userId],
      ["credits.adjusted", admin.userId],
    ]);
    expect((audit[1].details as { reason: string }).reason).toBe("goodwill");
    const refused = await adjustCredits(admin, c.id, { amount: "-31", reason: "too much" }).catch((e) => e);
    expect([refused.status, refused.problems[0].field]).toEqual([422, "amount"]);
    const bad = await refusalOf(
      grantPromotionalCredits(admin, c.id, { amount: "1.234", expiresAt: "2000-01-01", description: "" }),
    );
    expect(bad.status).toBe(422);
    expect(bad.problems.map((p: { field: string }) => p.field)).toContain("description");
    expect(
      await outcome(() =>
        grantPromotionalCredits(admin, c.id, { amount: "1", expiresAt: "2001-01-01", description: "past" }),
      ),
    ).toBe(422);
    expect(await balanceOf(c.id)).toBe(3000n);
  });

  it("writes off expired grants once, even with several sweeps running at the same time", async () => {
    const c = await customer();
    await grant(c.id, 700n);
    const soon = await grant(c.id, 400n, { expiresAt: new Date(Date.now() + 300) });
    await new Promise((r) => setTimeout(r, 400));
    const runs = await Promise.all(Array.from({ length: 6 }, () => expireGrants()));
    expect(runs.reduce((n, r) => n + r.grantsWrittenOff, 0)).toBeGreaterThanOrEqual(1);
    const expiries = await prisma.creditLedgerEntry.findMany({ where: { customerId: c.id, kind: "EXPIRY" } });
    expect(expiries.map((e) => [e.grantId, e.amountMinor])).toEqual([[soon.grantId, -400n]]);
    expect(await balanceOf(c.id)).toBe(700n);
    await expireGrants();
    expect(await prisma.creditLedgerEntry.count({ where: { customerId: c.id, kind: "EXPIRY" } })).toBe(1);
  });

  it("pages the history newest first", async () => {
    const c = await customer();
    for (let i = 0; i < 23; i++) await grant(c.id, BigInt(i + 1));
    const first = await listLedgerEntries(admin, c.id);
    expect(first.entries).toHaveLength(20);
    expect(first.entries[0].seq).toBe("23");
    const second = await listLedgerEntries(admin, c.id, { before: first.nextBefore });
    expect(second.entries.map((e) => e.seq)).toEqual(["3", "2", "1"]);
    expect(second.nextBefore).toBeNull();
    expect(await outcome(() => listLedgerEntries(admin, c.id, { before: "x" }))).toBe(422);
  });

  it("every customer sees only their own credits", async () => {
    const mine = await customer();
    const other = await customer();
    await grant(mine.id, 100n);
    const member = await memberOf(mine.id);
    const otherKey = await createTestApiKey({ customerId: other.id });
    const keyActor = { kind: "apiKey" as const, apiKeyId: otherKey.id, customerId: other.id, scope: "FULL" as const };
    expect((await getCreditSummary(member, mine.id)).balance.amountMinor).toBe(100);
    expect(await outcome(() => getCreditSummary(member, other.id))).toBe(404);
    expect(await outcome(() => listLedgerEntries(member, other.id))).toBe(404);
    expect(await outcome(() => getCreditSummary(keyActor as never, mine.id))).toBe(403);
    expect(await outcome(() => adjustCredits(member, mine.id, { amount: "1", reason: "me" }))).toBe(403);
    expect(
      await outcome(() => grantPromotionalCredits(member, mine.id, { amount: "1", description: "me" })),
    ).toBe(403);
    expect(await outcome(() => getCreditSummary(admin, "not-a-uuid"))).toBe(404);
  });
});

describe("trial credits", () => {
  it("are granted once per customer and plan when the customer starts it, expiring in 30 days and burning first", async () => {
    const c = await customer();
    const meter = await upsertMeter({ key: `trial_${c.externalId.replace(/\W/g, "_")}` });
    const plan = await creditPlan(admin, c.id, {
      meterId: meter.id,
      model: { kind: "per_unit", unitPrice: "0.01" },
      paymentTerms: "PREPAID",
      trialCreditsMinor: 500,
    });
    const [trial] = await prisma.creditGrant.findMany({ where: { customerId: c.id } });
    expect([trial.kind, trial.amountMinor, trial.priority, trial.sourceKey]).toEqual([
      "TRIAL",
      500n,
      10,
      `trial:${plan.planId}`,
    ]);
    expect(Math.round((trial.expiresAt!.getTime() - trial.createdAt.getTime()) / DAY)).toBe(30);
    const { versionId } = await createDraftVersion(admin, plan.planId);
    await publishPlanVersion(admin, versionId);
    await changeSubscription(admin, c.id, { planVersionId: versionId, timing: "now" });
    expect(await prisma.creditGrant.count({ where: { customerId: c.id } })).toBe(1);
    expect(await balanceOf(c.id)).toBe(500n);
  });
});

describe("ledger:check", () => {
  it("names the customer whose balance was corrupted, and passes again once repaired", async () => {
    const c = await customer();
    await grant(c.id, 500n);
    await prisma.$executeRaw`UPDATE credit_balances SET balance_minor = balance_minor + 1 WHERE customer_id = ${c.id}::uuid`;
    try {
      const problems = await runLedgerCheck(process.env.DATABASE_URL!, [c.externalId]);
      expect(problems.map((p) => [p.externalId, p.check])).toContainEqual([c.externalId, "balance"]);
      const script = spawnSync(
        process.execPath,
        [
          "--conditions=react-server",
          "--import",
          "tsx",
          "scripts/ledger-check.ts",
          "--customer",
          c.externalId,
        ],
        { encoding: "utf8", env: process.env },
      );
      expect(script.status).toBe(1);
      expect(script.stderr).toContain(`customer ${c.externalId}`);
    } finally {
      await prisma.$executeRaw`UPDATE credit_balances SET balance_minor = balance_minor - 1 WHERE customer_id = ${c.id}::uuid`;
    }
    expect(await runLedgerCheck(process.env.DATABASE_URL!, [c.externalId])).toEqual([]);
  });

  it("passes over every customer these tests touched", async () => {
    expect(await runLedgerCheck(process.env.DATABASE_URL!, touched)).toEqual([]);
  });
});
