/**
 * How a metered quantity is priced over one billing period. All numbers are decimal strings in
 * major units of the price's currency (never JS floats); validate with priceModelSchema.
 * Models are treated as immutable: the rating engine caches their parsed form per object.
 */
export type PriceModel = PerUnitPrice | PackagePrice | GraduatedPrice | VolumePrice;

/** Free units per period, applied before the model: the first N units of the period cost nothing. */
type WithIncludedUnits = { readonly includedUnits?: string };

/** Every unit at the same price. */
export type PerUnitPrice = WithIncludedUnits & { readonly kind: "per_unit"; readonly unitPrice: string };

/** packagePrice per started block of packageSize units: ceil(quantity / packageSize) × packagePrice. */
export type PackagePrice = WithIncludedUnits & {
  readonly kind: "package";
  /** Integer ≥ 1. */
  readonly packageSize: string;
  readonly packagePrice: string;
};

/** Each unit priced by the tier it falls in; a tier's flat fee is charged once any unit reaches it. */
export type GraduatedPrice = WithIncludedUnits & { readonly kind: "graduated"; readonly tiers: readonly Tier[] };

/** All units priced at the tier the period total reaches, plus that tier's flat fee. */
export type VolumePrice = WithIncludedUnits & { readonly kind: "volume"; readonly tiers: readonly Tier[] };

export type Tier = {
  /** Inclusive upper bound in (billable) units; null = unbounded, only and always on the last tier. */
  readonly upTo: string | null;
  readonly unitPrice: string;
  readonly flatFee?: string;
};

export type PriceModelKind = PriceModel["kind"];
