import { parseCurrency, type CurrencyCode } from "@/lib/money/currencies";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceModelSchema } from "@/lib/rating/price-model-schema";
import { describePrice, type PriceDescription } from "./describe-price";
import { minorToNumber } from "../money/minor-number";

export type VersionPriceDto = { meterId: string; meter: { key: string; name: string; unit: string }; model: PriceModel; description: PriceDescription };

/** A plan version as JSON: minor amounts as integers, prices as validated models with plain-words descriptions. */
export type PlanVersionDto = {
  id: string;
  planId: string;
  planName: string;
  number: number;
  status: "DRAFT" | "PUBLISHED";
  currency: CurrencyCode;
  interval: "MONTH" | "YEAR";
  baseFeeMinor: number;
  minimumSpendMinor: number;
  trialDays: number;
  paymentTerms: "PREPAID" | "POSTPAID";
  trialCreditsMinor: number;
  publishedAt: string | null;
  updatedAt: string;
  prices: VersionPriceDto[];
};

export type VersionRow = {
  id: string;
  planId: string;
  number: number;
  status: "DRAFT" | "PUBLISHED";
  currency: string;
  interval: "MONTH" | "YEAR";
  baseFeeMinor: bigint;
  minimumSpendMinor: bigint;
  trialDays: number;
  paymentTerms: "PREPAID" | "POSTPAID";
  trialCreditsMinor: bigint;
  publishedAt: Date | null;
  updatedAt: Date;
  plan: { name: string };
  prices: { meterId: string; priceModel: unknown; meter: { key: string; name: string; unit: string } }[];
};

/** The Prisma include that gives a VersionRow. */
export const versionInclude = {
  plan: { select: { name: true } },
  prices: { include: { meter: { select: { key: true, name: true, unit: true } } } },
} as const;

export function toVersionDto(v: VersionRow): PlanVersionDto {
  const currency = parseCurrency(v.currency);
  const prices = v.prices
    .map((p) => {
      const model = priceModelSchema.parse(p.priceModel) as PriceModel;
      return { meterId: p.meterId, meter: p.meter, model, description: describePrice(model, currency, p.meter.unit) };
    })
    .sort((a, b) => a.meter.name.localeCompare(b.meter.name));
  return {
    id: v.id,
    planId: v.planId,
    planName: v.plan.name,
    number: v.number,
    status: v.status,
    currency,
    interval: v.interval,
    baseFeeMinor: minorToNumber(v.baseFeeMinor),
    minimumSpendMinor: minorToNumber(v.minimumSpendMinor),
    trialDays: v.trialDays,
    paymentTerms: v.paymentTerms,
    trialCreditsMinor: minorToNumber(v.trialCreditsMinor),
    publishedAt: v.publishedAt?.toISOString() ?? null,
    updatedAt: v.updatedAt.toISOString(),
    prices,
  };
}
