import type { PriceModel } from "@/lib/rating/price-model";

export type Kind = PriceModel["kind"];
export type TierDraft = { upTo: string; unitPrice: string; flatFee: string };
/** A price as the editor holds it: every field as typed text, whatever the model. */
export type PriceDraft = { meterId: string; kind: Kind; includedUnits: string; unitPrice: string; packageSize: string; packagePrice: string; tiers: TierDraft[] };

export const KIND_LABELS: Record<Kind, string> = {
  per_unit: "Per unit",
  package: "Package",
  graduated: "Graduated tiers",
  volume: "Volume tiers",
};

const defaultTiers = (): TierDraft[] => [
  { upTo: "", unitPrice: "", flatFee: "" },
  { upTo: "", unitPrice: "", flatFee: "" },
];

export function emptyDraft(meterId: string): PriceDraft {
  return { meterId, kind: "per_unit", includedUnits: "", unitPrice: "", packageSize: "", packagePrice: "", tiers: defaultTiers() };
}

export function draftFromModel(meterId: string, model: PriceModel): PriceDraft {
  const d = emptyDraft(meterId);
  d.kind = model.kind;
  d.includedUnits = model.includedUnits ?? "";
  if (model.kind === "per_unit") d.unitPrice = model.unitPrice;
  if (model.kind === "package") {
    d.packageSize = model.packageSize;
    d.packagePrice = model.packagePrice;
  }
  if (model.kind === "graduated" || model.kind === "volume") {
    d.tiers = model.tiers.map((t) => ({ upTo: t.upTo ?? "", unitPrice: t.unitPrice, flatFee: t.flatFee ?? "" }));
  }
  return d;
}

const clean = (s: string) => s.trim().replace(/,/g, "");

/** The model the API validates (priceModelSchema); empty optional fields are left out; the last tier is unbounded. */
export function modelFromDraft(d: PriceDraft): unknown {
  const included = clean(d.includedUnits) ? { includedUnits: clean(d.includedUnits) } : {};
  switch (d.kind) {
    case "per_unit":
      return { kind: "per_unit", unitPrice: clean(d.unitPrice), ...included };
    case "package":
      return { kind: "package", packageSize: clean(d.packageSize), packagePrice: clean(d.packagePrice), ...included };
    case "graduated":
    case "volume":
      return {
        kind: d.kind,
        tiers: d.tiers.map((t, i) => ({ upTo: i === d.tiers.length - 1 ? null : clean(t.upTo) || null, unitPrice: clean(t.unitPrice), ...(clean(t.flatFee) ? { flatFee: clean(t.flatFee) } : {}) })),
        ...included,
      };
  }
}
