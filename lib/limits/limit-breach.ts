/**
 * A hard cap that an ingestion write would take usage past: the limit, its period, the value before the
 * write and what the write would make it (minor units of `currency` for spend; a quantity for a meter).
 */
export type LimitBreach = {
  customerId: string;
  limitId: string;
  scope: string;
  meterId: string | null;
  periodStart: Date;
  currency: string;
  cap: string;
  before: string;
  after: string;
};

/**
 * Thrown inside an ingestion write whose usage would take a customer past a hard cap. As with a prepaid
 * shortfall, the caller rolls the write back and writes again carefully, refusing (event by event) the
 * events that do not fit; nothing of them is stored.
 */
export class SpendingLimitReached extends Error {
  constructor(readonly breach: LimitBreach) {
    super(
      `customer ${breach.customerId} would go past its ${breach.scope} cap ${breach.cap} (${breach.before} -> ${breach.after})`,
    );
    this.name = "SpendingLimitReached";
  }
}
