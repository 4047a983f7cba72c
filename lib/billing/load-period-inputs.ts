import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { parseCurrency } from "@/lib/money/currencies";
import { billingPeriodAt } from "@/lib/subscriptions/billing-period";
import type { PeriodInputs } from "./invoice-types";

type Db = Prisma.TransactionClient;

/**
 * What composeInvoice needs for a customer's period [start, end): the subscriptions in force during it
 * whose own billing period it is (an upgrade keeps the anchor, so both sides of it share the period), with
 * their versions' prices, their running charges of the period and what credits paid of them.
 */
export async function loadPeriodInputs(
  db: Db,
  customerId: string,
  currency: string,
  period: { start: Date; end: Date },
): Promise<PeriodInputs> {
  const subs = await db.subscription.findMany({
    where: {
      customerId,
      startedAt: { lt: period.end },
      OR: [{ endsAt: null }, { endsAt: { gt: period.start } }],
    },
    orderBy: { startedAt: "asc" },
    include: {
      planVersion: {
        include: {
          plan: { select: { name: true } },
          prices: { include: { meter: { select: { key: true, name: true, unit: true } } } },
        },
      },
    },
  });
  const own = subs.filter((s) => {
    const p = billingPeriodAt(
      s.anchorAt,
      s.planVersion.interval,
      s.startedAt > period.start ? s.startedAt : period.start,
    );
    return p.start.getTime() === period.start.getTime() && p.end.getTime() === period.end.getTime();
  });
  const ids = own.map((s) => s.id);
  const [charges, credited] = await Promise.all([
    db.periodMeterCharge.findMany({
      where: { customerId, subscriptionId: { in: ids }, periodStart: period.start },
      select: { subscriptionId: true, meterId: true, quantity: true, amount: true },
    }),
    db.usageCreditPeriod.findMany({
      where: { customerId, subscriptionId: { in: ids }, periodStart: period.start },
      select: { subscriptionId: true, creditedMinor: true },
    }),
  ]);
  return {
    currency: parseCurrency(own[0]?.planVersion.currency ?? currency),
    periodStart: period.start,
    periodEnd: period.end,
    subscriptions: own.map((s) => ({
      id: s.id,
      startedAt: s.startedAt,
      endsAt: s.endsAt,
      trialEndsAt: s.trialEndsAt,
      version: {
        planName: s.planVersion.plan.name,
        number: s.planVersion.number,
        interval: s.planVersion.interval,
        baseFeeMinor: s.planVersion.baseFeeMinor,
        minimumSpendMinor: s.planVersion.minimumSpendMinor,
        prices: s.planVersion.prices,
      },
      charges: charges.filter((c) => c.subscriptionId === s.id),
      creditedMinor: credited.find((c) => c.subscriptionId === s.id)?.creditedMinor ?? 0n,
    })),
  };
}
