import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { changeInvoiceStatus, finalizeInvoiceNow } from "@/lib/billing/change-invoice-status";
import { prisma } from "@/lib/db/client";
import type { PriceModel } from "@/lib/rating/price-model";
import { upsertMeter } from "@/lib/seed/factories";
import { assignSubscription } from "@/lib/subscriptions/assign-subscription";
import { changeSubscription } from "@/lib/subscriptions/change-subscription";
import { closeAt, onlyInvoice, testPrefix, upcoming } from "../support/billing-fixtures";
import { grant, outcome } from "../support/credit-fixtures";
import { publishedPlan, subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey, send, tag } from "../support/usage-fixtures";

const graduated: PriceModel = {
  kind: "graduated",
  includedUnits: "1000",
  tiers: [
    { upTo: "10000", unitPrice: "0.001" },
    { upTo: null, unitPrice: "0.0005" },
  ],
};
const images: PriceModel = { kind: "per_unit", unitPrice: "0.04" };

describe("the billing close", () => {
  let admin: CurrentUser;
  let tokens: { id: string; eventType: string };
  let imageMeter: { id: string; eventType: string };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    tokens = await upsertMeter({
      key: `tok_${t}`,
      name: "LLM tokens",
      eventType: `llm_${t}`,
      aggregation: "SUM",
      valueProperty: "tokens",
      unit: "tokens",
    });
    imageMeter = await upsertMeter({
      key: `img_${t}`,
      name: "Images",
      eventType: `img_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "images",
    });
  });

  async function customerWithUsage(
    opts: { baseFeeMinor?: number; minimumSpendMinor?: number; tokens?: number[]; images?: number } = {},
  ) {
    const c = await customerWithKey("bill");
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: opts.baseFeeMinor ?? 4900,
      minimumSpendMinor: opts.minimumSpendMinor ?? 0,
      prices: [
        { meterId: tokens.id, model: graduated },
        { meterId: imageMeter.id, model: images },
      ],
    });
    const at = new Date();
    const tok = opts.tokens ?? [7000, 5000];
    if (tok.length)
      await send(
        c.key.secret,
        c.customer.externalId,
        tokens.eventType,
        tok.map((n) => ({ at, props: { tokens: n } })),
      );
    const img = opts.images ?? 3;
    if (img)
      await send(
        c.key.secret,
        c.customer.externalId,
        imageMeter.eventType,
        Array.from({ length: img }, () => ({ at })),
      );
    return c;
  }

  it("drafts the invoice at period end, keeps it draft through the grace period, then finalizes it equal to the preview, line by line", async () => {
    const { customer } = await customerWithUsage();
    const preview = await upcoming(admin, customer.id);
    // 12,000 tokens: 1,000 free, 10,000 at $0.001 = $10.00, 1,000 at $0.0005 = $0.50; 3 images at $0.04; base $49.
    expect(preview.lines.map((l) => [l.kind, l.amount.amountMinor])).toEqual([
      ["BASE_FEE", 4900],
      ["USAGE", 12],
      ["USAGE", 1050],
    ]);
    expect(preview.total.amountMinor).toBe(5962);

    const early = await closeAt(customer.id, preview.period.end, -1);
    expect(early).toMatchObject({ drafted: 0, finalized: 0 });
    const drafted = await closeAt(customer.id, preview.period.end, 1);
    expect(drafted).toMatchObject({ drafted: 1, finalized: 0, dueDrafts: 0 });
    const draft = await onlyInvoice(admin, customer.id);
    expect(draft).toMatchObject({
      status: "draft",
      number: "draft",
      period: preview.period,
      total: preview.total,
    });
    expect(draft.lines).toEqual(preview.lines);

    const prefix = testPrefix();
    const final = await closeAt(customer.id, preview.period.end, 25, prefix);
    expect(final).toMatchObject({ drafted: 0, finalized: 1 });
    const inv = await onlyInvoice(admin, customer.id);
    expect(inv.status).toBe("open");
    expect(inv.number).toBe(
      `${prefix}-${new Date(new Date(preview.period.end).getTime() + 25 * 3_600_000).getUTCFullYear()}-000001`,
    );
    expect(inv.lines).toEqual(preview.lines);
    expect(inv.total).toEqual(preview.total);
    expect(inv.amountDue.amountMinor).toBe(5962);
    expect(inv.lines.reduce((s, l) => s + l.amount.amountMinor, 0)).toBe(inv.total.amountMinor);
    const tokenLine = inv.lines.find((l) => l.description.startsWith("LLM tokens"))!;
    expect(tokenLine).toMatchObject({ quantity: "12000", includedUnits: "1000", amountExact: "10.5" });
    expect(
      (
        tokenLine.details as {
          breakdown: { kind: string; quantity: string; unitPrice: string; amount: string }[];
        }
      ).breakdown.map((b) => [b.kind, b.quantity, b.unitPrice, b.amount]),
    ).toEqual([
      ["included", "1000", "0", "0"],
      ["priced", "10000", "0.001", "10"],
      ["priced", "1000", "0.0005", "0.5"],
    ]);
    expect(inv.billTo).toEqual({ name: customer.name, email: "", addressLines: [], country: "" });
    expect(inv.dueAt).toBe(inv.finalizedAt);

    const again = await closeAt(customer.id, preview.period.end, 26, prefix);
    expect(again).toMatchObject({ drafted: 0, alreadyDrafted: 0, finalized: 0, dueDrafts: 0 });
  });

  it("two runners at once create and finalize each invoice once", async () => {
    const { customer } = await customerWithUsage();
    const { period } = await upcoming(admin, customer.id);
    const runs = await Promise.all([
      closeAt(customer.id, period.end, 25),
      closeAt(customer.id, period.end, 25),
      closeAt(customer.id, period.end, 25),
    ]);
    expect(runs.reduce((s, r) => s + r.drafted, 0)).toBe(1);
    expect(runs.reduce((s, r) => s + r.finalized, 0)).toBe(1);
    expect(await prisma.invoice.count({ where: { customerId: customer.id } })).toBe(1);
    expect(await prisma.invoiceLine.count({ where: { customerId: customer.id } })).toBe(3);
    // Its webhook events and emails come from the outbox, made once with it.
    const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id } });
    const events = await prisma.notification.findMany({ where: { customerId: customer.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.kind)).toEqual(["invoice.created", "invoice.finalized"]);
    expect(events[1].payload).toMatchObject({
      invoiceId: invoice.id,
      number: invoice.number,
      status: "open",
      totalMinor: invoice.totalMinor.toString(),
      amountDueMinor: invoice.amountDueMinor.toString(),
    });
  });

  it("numbers invoices without gaps or duplicates when many are finalized in parallel", async () => {
    const plan = await publishedPlan(admin, { baseFeeMinor: 1000 });
    const customers = await Promise.all(Array.from({ length: 12 }, () => customerWithKey("num")));
    for (const c of customers)
      await assignSubscription(admin, c.customer.id, { planVersionId: plan.versionId });
    const ends = await Promise.all(
      customers.map(async (c) => (await upcoming(admin, c.customer.id)).period.end),
    );
    await Promise.all(customers.map((c, i) => closeAt(c.customer.id, ends[i], 1)));
    const prefix = testPrefix();
    const results = await Promise.all(customers.map((c, i) => closeAt(c.customer.id, ends[i], 25, prefix)));
    expect(results.every((r) => r.finalized === 1)).toBe(true);
    const numbers = (
      await prisma.invoice.findMany({ where: { number: { startsWith: prefix } }, select: { number: true } })
    )
      .map((r) => r.number!)
      .sort();
    const year = new Date(new Date(ends[0]).getTime() + 25 * 3_600_000).getUTCFullYear();
    expect(numbers).toEqual(
      Array.from({ length: 12 }, (_, i) => `${prefix}-${year}-${String(i + 1).padStart(6, "0")}`),
    );
  });

  it("pays a zero-total invoice on finalize", async () => {
    const { customer } = await customerWithUsage({ baseFeeMinor: 0, tokens: [], images: 0 });
    const { period } = await upcoming(admin, customer.id);
    await closeAt(customer.id, period.end, 25);
    const inv = await onlyInvoice(admin, customer.id);
    expect(inv).toMatchObject({ status: "paid", total: { amountMinor: 0 }, amountDue: { amountMinor: 0 } });
    expect(inv.paidAt).toBe(inv.finalizedAt);
  });

  it("adds the minimum-spend top-up when the period costs less than the minimum", async () => {
    const { customer } = await customerWithUsage({
      baseFeeMinor: 1000,
      minimumSpendMinor: 5000,
      tokens: [2000],
      images: 0,
    });
    const preview = await upcoming(admin, customer.id);
    // $10 base + 1,000 priced tokens at $0.001 = $1.00: $11.00, topped up by $39.00 to $50.00.
    expect(preview.lines.map((l) => [l.kind, l.amount.amountMinor])).toEqual([
      ["BASE_FEE", 1000],
      ["USAGE", 0],
      ["USAGE", 100],
      ["MINIMUM_SPEND", 3900],
    ]);
    expect(preview.total.amountMinor).toBe(5000);
  });

  it("allows only the transitions that apply, answering 409 with the current status", async () => {
    const { customer } = await customerWithUsage();
    const { period } = await upcoming(admin, customer.id);
    await closeAt(customer.id, period.end, 1);
    const draft = await onlyInvoice(admin, customer.id);
    const refusal = async (call: () => Promise<unknown>) => {
      try {
        await call();
        return null;
      } catch (e) {
        return {
          status: (e as { status: number }).status,
          message: (e as Error).message,
          details: (e as { details: unknown }).details,
        };
      }
    };
    expect(await refusal(() => changeInvoiceStatus(admin, customer.id, draft.id!, "void"))).toEqual({
      status: 409,
      message: "The invoice is draft: it cannot be voided",
      details: { status: "DRAFT", action: "void" },
    });
    const fin = await finalizeInvoiceNow(admin, customer.id, draft.id!);
    expect(fin).toMatchObject({ finalized: true, status: "OPEN" });
    expect((await refusal(() => finalizeInvoiceNow(admin, customer.id, draft.id!)))?.status).toBe(409);
    expect(await changeInvoiceStatus(admin, customer.id, draft.id!, "mark_uncollectible")).toEqual({
      status: "UNCOLLECTIBLE",
    });
    expect(
      (await refusal(() => changeInvoiceStatus(admin, customer.id, draft.id!, "mark_uncollectible")))
        ?.message,
    ).toBe("The invoice is uncollectible: it cannot be marked uncollectible");
    expect(await changeInvoiceStatus(admin, customer.id, draft.id!, "void")).toEqual({ status: "VOID" });
    expect((await refusal(() => changeInvoiceStatus(admin, customer.id, draft.id!, "void")))?.message).toBe(
      "The invoice is void: it cannot be voided",
    );
    const member = {
      kind: "user" as const,
      userId: admin.userId,
      role: "MEMBER" as const,
      customerId: customer.id,
    };
    expect(await outcome(() => changeInvoiceStatus(member, customer.id, draft.id!, "void"))).toBe(403);
    expect(
      await outcome(() =>
        changeInvoiceStatus(admin, customer.id, "00000000-0000-4000-8000-000000000000", "void"),
      ),
    ).toBe(404);
  });

  it("bills a mid-period upgrade: each version's base fee for its part of the period, and each one's usage", async () => {
    const { customer, key } = await customerWithUsage({ baseFeeMinor: 3000, tokens: [2000], images: 0 });
    const bigger = await publishedPlan(
      admin,
      {
        baseFeeMinor: 9000,
        prices: [{ meterId: tokens.id, model: { kind: "per_unit", unitPrice: "0.002" } }],
      },
      "Bigger",
    );
    const { proration } = await changeSubscription(admin, customer.id, {
      planVersionId: bigger.versionId,
      timing: "now",
    });
    await send(key.secret, customer.externalId, tokens.eventType, [
      { at: new Date(), props: { tokens: 500 } },
    ]);
    const preview = await upcoming(admin, customer.id);
    const base = preview.lines.filter((l) => l.kind === "BASE_FEE");
    expect(base).toHaveLength(2);
    expect(base[0].description).toMatch(/^Test plan \(v1\) base fee, .* prorated$/);
    expect(base[1].description).toMatch(/^Bigger \(v1\) base fee, .* prorated$/);
    expect(BigInt(base[1].amount.amountMinor)).toBe(proration!.chargeMinor);
    const d0 = base[0].details as { coveredSeconds: number; periodSeconds: number };
    const d1 = base[1].details as { coveredSeconds: number; periodSeconds: number };
    expect(d0.coveredSeconds + d1.coveredSeconds).toBe(d0.periodSeconds);
    // The old version's tokens (1,000 priced at $0.001) and the new one's (500 at $0.002).
    expect(
      preview.lines
        .filter((l) => l.kind === "USAGE" && l.description.startsWith("LLM tokens"))
        .map((l) => l.amount.amountMinor),
    ).toEqual([100, 100]);

    await closeAt(customer.id, preview.period.end, 25);
    const inv = await onlyInvoice(admin, customer.id);
    expect(inv.lines).toEqual(preview.lines);
    expect(
      await prisma.subscription.count({
        where: { customerId: customer.id, billedThrough: new Date(preview.period.end) },
      }),
    ).toBe(2);
  });

  it("shows what prepaid credits paid as applied, which grants paid how much, and only the rest as due", async () => {
    const c = await customerWithKey("prepaid");
    const promo = await grant(c.customer.id, 500n, { description: "Launch promo" });
    // Expiring sooner, the trial grant burns first.
    const trial = await grant(c.customer.id, 15n, {
      kind: "TRIAL",
      description: "Trial credits",
      expiresAt: new Date(Date.now() + 86_400_000 * 400),
    });
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: 2000,
      paymentTerms: "PREPAID",
      prices: [{ meterId: imageMeter.id, model: images }],
    });
    // Two writes: 12 cents from the trial, then 3 more from it and 5 from the promo.
    for (const n of [3, 2])
      await send(
        c.key.secret,
        c.customer.externalId,
        imageMeter.eventType,
        Array.from({ length: n }, () => ({ at: new Date() })),
      );
    const preview = await upcoming(admin, c.customer.id);
    expect(preview.lines.map((l) => [l.kind, l.amount.amountMinor])).toEqual([
      ["BASE_FEE", 2000],
      ["USAGE", 20],
      ["CREDITS_APPLIED", -20],
    ]);
    expect(preview).toMatchObject({
      total: { amountMinor: 2020 },
      creditsApplied: { amountMinor: 20 },
      amountDue: { amountMinor: 2000 },
    });
    const credits = preview.lines.find((l) => l.kind === "CREDITS_APPLIED")!;
    expect(credits.details).toEqual({
      grants: [
        { grantId: promo.grantId, kind: "PROMOTIONAL", description: "Launch promo", amountMinor: "5" },
        { grantId: trial.grantId, kind: "TRIAL", description: "Trial credits", amountMinor: "15" },
      ],
    });
    await closeAt(c.customer.id, preview.period.end, 25);
    const inv = await onlyInvoice(admin, c.customer.id);
    expect(inv).toMatchObject({
      status: "open",
      total: preview.total,
      creditsApplied: preview.creditsApplied,
      amountDue: preview.amountDue,
    });
    expect(inv.lines.find((l) => l.kind === "CREDITS_APPLIED")!.details).toEqual(credits.details);
  });
});
