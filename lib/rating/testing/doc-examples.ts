/** Tier tables from public pricing docs, shared by the rating tests. */
import type { Tier } from "../price-model";

// Stripe, "Set up tiered pricing" (https://docs.stripe.com/subscriptions/pricing-models/tiered-pricing):
// Typographic's font tiers: 1-5 at 7 USD, 6-10 at 6.5 USD, 11+ at 6 USD.
export const stripeTiers: Tier[] = [
  { upTo: "5", unitPrice: "7" },
  { upTo: "10", unitPrice: "6.5" },
  { upTo: null, unitPrice: "6" },
];

// Stripe, older "Tiered pricing" page (https://stripe.com/docs/billing/subscriptions/tiers):
// 1-5 at $5, 6-10 at $4, 11-15 at $3, 16-20 at $2, 21+ at $1.
export const stripeLegacyTiers: Tier[] = [
  { upTo: "5", unitPrice: "5" },
  { upTo: "10", unitPrice: "4" },
  { upTo: "15", unitPrice: "3" },
  { upTo: "20", unitPrice: "2" },
  { upTo: null, unitPrice: "1" },
];
