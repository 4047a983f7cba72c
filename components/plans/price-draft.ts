import type { Problem } from "@/components/data/fetch-json";
import { parseNumberInput } from "@/lib/numbers/parse-number-input";
import { choosePricePer, fromUnitPrice, toUnitPrice, type PricePer } from "@/lib/plans/price-per";
import type { PriceModel } from "@/lib/rating/price-model";

export type Kind = PriceModel["kind"];
export type TierDraft = { upTo: string; unitPrice: string; flatFee: string };
/**
 * A price as the editor holds it: every field as typed text, whatever the model. Unit prices (per_unit and
 * the tiers') are typed per `per` (one unit, 1K or 1M) and stored per unit.
 */
export type PriceDraft = { meterId: string; kind: Kind; per: PricePer; includedUnits: string; unitPrice: string; packageSize: string; packagePrice: string; tiers: TierDraft[] };

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
  return { meterId, kind: "per_unit", per: "unit", includedUnits: "", unitPrice: "", packageSize: "", packagePrice: "", tiers: defaultTiers() };
}

/** A stored model as the editor shows it: unit prices per 1M or 1K when they are that small (as the summaries say). */
export function draftFromModel(meterId: string, model: PriceModel): PriceDraft {
  const d = emptyDraft(meterId);
  d.kind = model.kind;
  d.includedUnits = model.includedUnits ?? "";
  if (model.kind === "per_unit") {
    d.per = choosePricePer([model.unitPrice]);
    d.unitPrice = fromUnitPrice(model.unitPrice, d.per);
  }
  if (model.kind === "package") {
    d.packageSize = model.packageSize;
    d.packagePrice = model.packagePrice;
  }
  if (model.kind === "graduated" || model.kind === "volume") {
    d.per = choosePricePer(model.tiers.map((t) => t.unitPrice));
    d.tiers = model.tiers.map((t) => ({ upTo: t.upTo ?? "", unitPrice: fromUnitPrice(t.unitPrice, d.per), flatFee: t.flatFee ?? "" }));
  }
  return d;
}

/** Shows the draft's unit prices per `per` instead, the same prices (typed text that does not parse is kept). */
export function withPricePer(d: PriceDraft, per: PricePer): PriceDraft {
  const convert = (typed: string) => {
    const parsed = parseNumberInput(typed);
    return parsed.ok ? fromUnitPrice(toUnitPrice(parsed.decimal, d.per), per) : typed;
  };
  return { ...d, per, unitPrice: convert(d.unitPrice), tiers: d.tiers.map((t) => ({ ...t, unitPrice: convert(t.unitPrice) })) };
}

type Read = { value: string | null; problem: string | null };

/** A typed field through the one number parser: empty is null (when optional), else its canonical decimal. */
function read(typed: string, optional: boolean): Read {
  if (optional && typed.trim() === "") return { value: null, problem: null };
  const parsed = parseNumberInput(typed);
  return parsed.ok ? { value: parsed.value, problem: null } : { value: typed.trim(), problem: parsed.message };
}

function unitPrice(d: PriceDraft, typed: string): Read {
  const parsed = parseNumberInput(typed);
  return parsed.ok ? { value: toUnitPrice(parsed.decimal, d.per), problem: null } : { value: typed.trim(), problem: parsed.message };
}

/** Every field of the draft, read: its value for the API and what is wrong with what was typed, by field path. */
function readDraft(d: PriceDraft): { model: Record<string, unknown>; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const take = (field: string, r: Read) => {
    if (r.problem) problems.push({ field, message: r.problem });
    return r.value;
  };
  const includedUnits = take("model.includedUnits", read(d.includedUnits, true));
  const included = includedUnits !== null ? { includedUnits } : {};
  switch (d.kind) {
    case "per_unit":
      return { model: { kind: "per_unit", unitPrice: take("model.unitPrice", unitPrice(d, d.unitPrice)), ...included }, problems };
    case "package":
      return { model: { kind: "package", packageSize: take("model.packageSize", read(d.packageSize, false)), packagePrice: take("model.packagePrice", read(d.packagePrice, false)), ...included }, problems };
    case "graduated":
    case "volume": {
      const tiers = d.tiers.map((t, i) => {
        const last = i === d.tiers.length - 1;
        const upTo = last ? null : take(`model.tiers.${i}.upTo`, read(t.upTo, true));
        const flatFee = take(`model.tiers.${i}.flatFee`, read(t.flatFee, true));
        return { upTo, unitPrice: take(`model.tiers.${i}.unitPrice`, unitPrice(d, t.unitPrice)), ...(flatFee !== null ? { flatFee } : {}) };
      });
      return { model: { kind: d.kind, tiers, ...included }, problems };
    }
  }
}

/** The model the API validates (priceModelSchema); empty optional fields are left out; the last tier is unbounded. */
export function modelFromDraft(d: PriceDraft): unknown {
  return readDraft(d).model;
}

/** What is wrong with what was typed in price `index`, named as the API names fields (prices.0.model.unitPrice). */
export function draftProblems(d: PriceDraft, index: number): Problem[] {
  return readDraft(d).problems.map((p) => ({ field: `prices.${index}.${p.field}`, rule: "number", message: p.message }));
}
