import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as analyticsRoute } from "@/app/api/admin/analytics/route";
import { GET as csvRoute } from "@/app/api/admin/analytics/[table]/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { companyAnalytics } from "@/lib/analytics/company-analytics";
import { prisma } from "@/lib/db/client";
import { expireGrants } from "@/lib/ledger/expire-grants";
import { createTestApiKey, upsertCustomer, upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { grant, outcome } from "../support/credit-fixtures";
import { publishedPlan } from "../support/plan-fixtures";
import { signInAs } from "../support/session";
import { adminUser, memberOf, send, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

/** Everything here is in SEK, which no other test uses, so the figures are this fixture's alone. */
const NOW = new Date("2026-12-06T12:00:00Z");
const at = (d: string) => new Date(`${d}T00:00:00Z`);

describe("the company's analytics", () => {
  let admin: CurrentUser;
  let meter: { id: string; name: string; eventType: string };
  let x: { id: string; externalId: string };
  let y: { id: string; externalId: string };

  /** An invoice with these lines (minor units), as the billing close leaves one. */
  async function invoice(
    customerId: string,
    o: {
      period: string;
      status: "OPEN" | "PAID" | "VOID" | "UNCOLLECTIBLE";
      base: number;
      usage?: number;
      credits?: number;
      dueAt?: string;
      failed?: number;
    },
  ) {
    const start = at(`${o.period}-01`);
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    const total = BigInt(o.base + (o.usage ?? 0));
    const credits = BigInt(o.credits ?? 0);
    const due = total - credits;
    const inv = await prisma.invoice.create({
      data: {
        customerId,
        status: o.status,
        number: `ANL-${tag()}`,
        currency: "SEK",
        periodStart: start,
        periodEnd: end,
        finalizeAfter: end,
        finalizedAt: end,
        dueAt: o.dueAt ? at(o.dueAt) : end,
        totalMinor: total,
        creditsMinor: credits,
        amountDueMinor: due,
        ...(o.status === "PAID" ? { paidAt: end, amountPaidMinor: due } : {}),
        ...(o.failed
          ? {
              nextPaymentAttemptAt: new Date(NOW.getTime() + 86_400_000),
              lastPaymentError: "Your card was declined.",
            }
          : {}),
        lines: {
          create: [
            {
              position: 0,
              kind: "BASE_FEE",
              description: "Base fee",
              fromAt: start,
              toAt: end,
              amountExact: String(o.base / 100),
              amountMinor: BigInt(o.base),
            },
            ...(o.usage
              ? [
                  {
                    position: 1,
                    kind: "USAGE" as const,
                    meterId: meter.id,
                    description: "Images",
                    fromAt: start,
                    toAt: end,
                    quantity: "1",
                    amountExact: String(o.usage / 100),
                    amountMinor: BigInt(o.usage),
                  },
                ]
              : []),
            ...(o.credits
              ? [
                  {
                    position: 2,
                    kind: "CREDITS_APPLIED" as const,
                    description: "Credits",
                    fromAt: start,
                    toAt: end,
                    amountExact: String(-o.credits / 100),
                    amountMinor: -credits,
                  },
                ]
              : []),
          ],
        },
      },
    });
    for (let n = 1; n <= (o.failed ?? 0); n++)
      await prisma.invoicePaymentAttempt.create({
        data: {
          customerId,
          invoiceId: inv.id,
          attempt: n,
          kind: "OFF_SESSION",
          status: "FAILED",
          amountMinor: due,
          failureMessage: "Your card was declined.",
          createdAt: new Date(NOW.getTime() - n * 86_400_000),
        },
      });
    return inv;
  }

  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    meter = await upsertMeter({
      key: `anl_${t}`,
      name: `Images ${t}`,
      eventType: `anl_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "images",
    });
    x = await upsertCustomer({ externalId: `anl-x-${t}`, name: `Analytics X ${t}`, currency: "SEK" });
    y = await upsertCustomer({ externalId: `anl-y-${t}`, name: `Analytics Y ${t}`, currency: "SEK" });
    // X: October paid (100 + 25 usage, 5 of it by credits) with a correction credit note of 3; November open,
    // overdue, after one failed try; September void (not revenue).
    const oct = await invoice(x.id, {
      period: "2026-10",
      status: "PAID",
      base: 10_000,
      usage: 2_500,
      credits: 500,
    });
    await prisma.creditNote.create({
      data: {
        customerId: x.id,
        invoiceId: oct.id,
        seq: 1,
        number: `${oct.number}-CN1`,
        currency: "SEK",
        totalMinor: 300n,
        creditedToBalanceMinor: 300n,
        reason: "Events voided",
        lines: [
          {
            kind: "USAGE",
            description: "Images",
            meterId: meter.id,
            subscriptionId: null,
            quantity: "0",
            quantityBefore: "1",
            amountExact: "-3",
            amountMinor: "-300",
          },
        ],
      },
    });
    await invoice(x.id, {
      period: "2026-11",
      status: "OPEN",
      base: 10_000,
      usage: 4_000,
      dueAt: "2026-11-10",
      failed: 1,
    });
    await invoice(x.id, { period: "2026-09", status: "VOID", base: 10_000 });
    // Y: November uncollectible; June paid (its "3 months before").
    await invoice(y.id, { period: "2026-11", status: "UNCOLLECTIBLE", base: 5_000, usage: 1_000 });
    await invoice(y.id, { period: "2026-06", status: "PAID", base: 5_000 });
    // MRR: X on 100/month, Y on 1,200/year (100 a month); both in force at NOW (and billed far ahead, so no
    // billing close elsewhere in the run drafts invoices for them).
    const monthly = await publishedPlan(admin, {
      currency: "SEK",
      baseFeeMinor: 10_000,
      prices: [{ meterId: meter.id, model: { kind: "per_unit", unitPrice: "1" } }],
    });
    const yearly = await publishedPlan(admin, { currency: "SEK", interval: "YEAR", baseFeeMinor: 120_000 });
    for (const [customerId, versionId, start] of [
      [x.id, monthly.versionId, "2026-10-01"],
      [y.id, yearly.versionId, "2026-06-01"],
    ] as const)
      await prisma.subscription.create({
        data: {
          customerId,
          planVersionId: versionId,
          status: "ACTIVE",
          anchorAt: at(start),
          startedAt: at(start),
          billedThrough: at("2030-01-01"),
        },
      });
    // Credits (this month): X buys 50, burns 2 of them with usage; Y gets 10 that expire.
    await grant(x.id, 5_000n, { kind: "PURCHASE", currency: "SEK" });
    const key = await createTestApiKey({ customerId: x.id });
    await send(key.secret, x.externalId, meter.eventType, [{ at: new Date() }, { at: new Date() }]);
    await grant(y.id, 1_000n, {
      kind: "PROMOTIONAL",
      currency: "SEK",
      expiresAt: new Date(Date.now() + 60_000),
    });
    await expireGrants(new Date(Date.now() + 120_000));
  });
  beforeEach(() => signInAs(null));

  it("adds up revenue by month, MRR beside the usage run-rate, credits, receivables and top customers as computed by hand", async () => {
    const a = await companyAnalytics(admin, { currency: "SEK", now: NOW });
    const month = (m: string) => a.revenue.find((r) => r.month === m)!;
    expect(a.revenue.map((r) => r.month)).toEqual([
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
      "2026-08",
      "2026-09",
      "2026-10",
      "2026-11",
      "2026-12",
    ]);
    expect(month("2026-10")).toMatchObject({
      baseFees: { amountMinor: 10_000 },
      usage: { amountMinor: 2_500 },
      creditNotes: { amountMinor: 300 },
      total: { amountMinor: 12_200 },
    });
    expect(month("2026-10").usageByMeter[meter.id]).toMatchObject({
      amountMinor: 2_500,
      formatted: expect.stringContaining("25"),
    });
    expect(month("2026-11")).toMatchObject({
      baseFees: { amountMinor: 15_000 },
      usage: { amountMinor: 5_000 },
      total: { amountMinor: 20_000 },
    });
    expect(month("2026-09").total.amountMinor).toBe(0);
    expect(month("2026-06").total.amountMinor).toBe(5_000);
    expect(a.revenueTotal.amountMinor).toBe(37_200);
    // Usage of September, October, November: (0 + 2,500 + 5,000) / 3.
    expect(a).toMatchObject({
      mrr: { amountMinor: 20_000 },
      subscriptions: 2,
      usageRunRate: { amountMinor: 2_500 },
      runRateMonths: ["2026-09", "2026-10", "2026-11"],
    });
    expect(a.credits.months.at(-1)).toMatchObject({
      month: "2026-12",
      sold: { amountMinor: 5_000 },
      burned: { amountMinor: 200 },
      expired: { amountMinor: 1_000 },
    });
    expect(a.credits.outstanding.amountMinor).toBe(4_800);
    expect(a.receivables).toMatchObject({
      open: { amountMinor: 14_000 },
      overdue: { amountMinor: 14_000 },
      uncollectible: { amountMinor: 6_000 },
      dunning: [{ failedAttempts: 1, invoices: 1, amount: { amountMinor: 14_000 } }],
      failedPaymentsLast30Days: 1,
    });
    expect(a.receivables.invoices[0]).toMatchObject({
      customerName: expect.stringContaining("Analytics X"),
      daysOverdue: 26,
      attempts: 1,
    });
    // Recent = Sep-Nov, prior = Jun-Aug: X 12,200 + 14,000 = 26,200, new; Y 6,000 against 5,000: growing.
    expect(
      a.topCustomers.map((c) => [c.externalId, c.recent.amountMinor, c.prior.amountMinor, c.trend]),
    ).toEqual([
      [x.externalId, 26_200, 0, "new"],
      [y.externalId, 6_000, 5_000, "growing"],
    ]);
  });

  it("exports each table as CSV whose totals equal the page's; admins only", async () => {
    signInAs(admin);
    const page = await callRoute(analyticsRoute, {
      url: "http://localhost/api/admin/analytics?currency=SEK",
    });
    expect(page.status).toBe(200);
    const raw = await csvRoute(new Request("http://localhost/api/admin/analytics/revenue.csv?currency=SEK"), {
      params: Promise.resolve({ table: "revenue.csv" }),
    });
    expect(raw.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const lines = (await raw.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^month,base_fees_SEK,minimum_spend_SEK,.*,credit_notes_SEK,total_SEK$/);
    const totals = lines.slice(1).map((l) => l.split(",").at(-1)!);
    // Summed in öre from the CSV's decimals: the page's 12-month total.
    const sum = totals.reduce((s, v) => s + BigInt(v.replace(".", "")), 0n);
    expect(sum).toBe(BigInt(page.json.revenueTotal.amountMinor));
    expect(lines.find((l) => l.startsWith("2026-10"))).toMatch(/^2026-10,100\.00,0\.00,.*,3\.00,122\.00$/);
    for (const table of ["credits", "receivables", "top-customers"]) {
      const r = await csvRoute(new Request(`http://localhost/x.csv?currency=SEK`), {
        params: Promise.resolve({ table: `${table}.csv` }),
      });
      expect(r.status).toBe(200);
    }
    expect(
      (await callRoute(csvRoute, { url: "http://localhost/x", params: { table: "nope.csv" } })).status,
    ).toBe(404);
    expect(
      (await callRoute(analyticsRoute, { url: "http://localhost/api/admin/analytics?currency=ZZZ" })).status,
    ).toBe(422);
    signInAs(await memberOf(x.id));
    expect(
      (await callRoute(analyticsRoute, { url: "http://localhost/api/admin/analytics?currency=SEK" })).status,
    ).toBe(403);
    expect(
      await outcome(() => companyAnalytics(admin, { currency: "SEK", now: NOW }).then(() => undefined)),
    ).toBe("allowed");
    signInAs(null);
    expect(
      (await callRoute(csvRoute, { url: "http://localhost/x", params: { table: "revenue.csv" } })).status,
    ).toBe(401);
  });
});

