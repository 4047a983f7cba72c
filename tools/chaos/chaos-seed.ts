/**
 * What the chaos run ingests against, seeded through the app's own lib functions on the database at
 * DATABASE_URL: demo-like customers chaos-00..chaos-NN on a graduated token price (half on PREPAID terms,
 * half POSTPAID), all but the last with prepaid credits (enough that nothing is refused), one meter with a
 * group-by, and an API key for all customers.
 */
import type { Prisma } from "@/lib/db/generated/client";
import type { PriceModel } from "@/lib/rating/price-model";

export const CHAOS_EVENT_TYPE = "chaos_tokens";
export const CHAOS_PREFIX = "chaos-";
export const CREDITS_MINOR = 1_000_000n;

export const CHAOS_MODEL: PriceModel = {
  kind: "graduated",
  includedUnits: "1000",
  tiers: [
    { upTo: "200000", unitPrice: "0.00001" },
    { upTo: null, unitPrice: "0.0000075" },
  ],
} as PriceModel;

export type ChaosSeed = { key: string; customers: string[]; meterId: string };

export async function seedChaos(customerCount: number): Promise<ChaosSeed> {
  const { upsertCustomer, upsertMeter, upsertUser, createTestApiKey } = await import("@/lib/seed/factories");
  const { createPlan } = await import("@/lib/plans/create-plan");
  const { updateDraftVersion } = await import("@/lib/plans/update-draft-version");
  const { publishPlanVersion } = await import("@/lib/plans/publish-plan-version");
  const { assignSubscription } = await import("@/lib/subscriptions/assign-subscription");
  const { grantCredits } = await import("@/lib/ledger/grant-credits");
  const { prisma, closeDb } = await import("@/lib/db/client");
  const { prismaSql } = await import("@/lib/db/sql");
  try {
    const adminUser = await upsertUser({ email: "chaos-admin@meterly.local", role: "ADMIN", name: "Chaos admin" });
    const admin = { kind: "user" as const, userId: adminUser.id, role: "ADMIN" as const, customerId: null };
    const meter = await upsertMeter({ key: CHAOS_EVENT_TYPE, name: "Chaos tokens", eventType: CHAOS_EVENT_TYPE, aggregation: "SUM", valueProperty: "tokens", groupBy: ["model"], unit: "tokens" });
    const versions: Record<"PREPAID" | "POSTPAID", string> = { PREPAID: "", POSTPAID: "" };
    for (const terms of ["PREPAID", "POSTPAID"] as const) {
      const { draftVersionId } = await createPlan(admin, { name: `Chaos ${terms.toLowerCase()}`, currency: "USD" });
      await updateDraftVersion(admin, draftVersionId, {
        currency: "USD",
        interval: "MONTH",
        baseFeeMinor: 1000,
        minimumSpendMinor: 0,
        trialDays: 0,
        paymentTerms: terms,
        prices: [{ meterId: meter.id, model: CHAOS_MODEL }],
      });
      await publishPlanVersion(admin, draftVersionId);
      versions[terms] = draftVersionId;
    }
    const customers: string[] = [];
    for (let i = 0; i < customerCount; i++) {
      const externalId = `${CHAOS_PREFIX}${String(i).padStart(2, "0")}`;
      const c = await upsertCustomer({ externalId, name: `Chaos ${i}` });
      await assignSubscription(admin, c.id, { planVersionId: versions[i % 2 === 0 ? "PREPAID" : "POSTPAID"] });
      if (i < customerCount - 1 || i % 2 === 0) {
        await prisma.$transaction((tx: Prisma.TransactionClient) =>
          grantCredits(prismaSql(tx), { customerId: c.id, kind: "PROMOTIONAL", amountMinor: CREDITS_MINOR, currency: "USD", description: "chaos credits" }),
        );
      }
      customers.push(externalId);
    }
    const key = await createTestApiKey({ name: "chaos" });
    return { key: key.secret, customers, meterId: meter.id };
  } finally {
    await closeDb();
  }
}
