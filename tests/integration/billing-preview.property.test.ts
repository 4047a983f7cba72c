import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { upsertMeter } from "@/lib/seed/factories";
import { assignSubscription } from "@/lib/subscriptions/assign-subscription";
import { closeAt, onlyInvoice, upcoming } from "../support/billing-fixtures";
import { publishedPlan } from "../support/plan-fixtures";
import { adminUser, customerWithKey, send, tag } from "../support/usage-fixtures";

describe("preview = final (property)", () => {
  let admin: CurrentUser;
  let versionId: string;
  let meters: { tokens: { eventType: string }; calls: { eventType: string } };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    const tokens = await upsertMeter({
      key: `ptok_${t}`,
      name: "Tokens",
      eventType: `ptok_${t}`,
      aggregation: "SUM",
      valueProperty: "tokens",
      unit: "tokens",
    });
    const calls = await upsertMeter({
      key: `pcall_${t}`,
      name: "Calls",
      eventType: `pcall_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "calls",
    });
    meters = { tokens, calls };
    const plan = await publishedPlan(admin, {
      baseFeeMinor: 1999,
      minimumSpendMinor: 2500,
      prices: [
        {
          meterId: tokens.id,
          model: {
            kind: "volume",
            includedUnits: "500",
            tiers: [
              { upTo: "5000", unitPrice: "0.0013" },
              { upTo: null, unitPrice: "0.00071" },
            ],
          },
        },
        { meterId: calls.id, model: { kind: "package", packageSize: "3", packagePrice: "0.35" } },
      ],
    });
    versionId = plan.versionId;
  });

  it("the upcoming invoice taken just before the close equals the finalized invoice, line by line, for random usage", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40_000 }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 25 }),
        async (tokenCounts, callCount) => {
          const c = await customerWithKey("prop");
          await assignSubscription(admin, c.customer.id, { planVersionId: versionId });
          const at = new Date();
          if (tokenCounts.length)
            await send(
              c.key.secret,
              c.customer.externalId,
              meters.tokens.eventType,
              tokenCounts.map((n) => ({ at, props: { tokens: n } })),
            );
          if (callCount)
            await send(
              c.key.secret,
              c.customer.externalId,
              meters.calls.eventType,
              Array.from({ length: callCount }, () => ({ at })),
            );
          const preview = await upcoming(admin, c.customer.id);
          await closeAt(c.customer.id, preview.period.end, 25);
          const inv = await onlyInvoice(admin, c.customer.id);
          expect(inv.lines).toEqual(preview.lines);
          expect([inv.total, inv.creditsApplied, inv.amountDue]).toEqual([
            preview.total,
            preview.creditsApplied,
            preview.amountDue,
          ]);
          expect(inv.total.amountMinor).toBeGreaterThanOrEqual(2500);
        },
      ),
      { numRuns: 8 },
    );
  });
});
