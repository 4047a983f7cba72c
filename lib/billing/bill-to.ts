import type { BillingProfile } from "./billing-profile";

/** The billing details an invoice is addressed to, as stored on it at finalization. */
export type BillTo = { name: string; email: string; addressLines: string[]; country: string };

type Profile = Omit<BillingProfile, "netTermsDays" | "dunningEnabled" | "creditNoteSettlement">;

export function billToSnapshot(customerName: string, profile: Profile | null): BillTo {
  if (!profile) return { name: customerName, email: "", addressLines: [], country: "" };
  const cityLine = [profile.postalCode, profile.city, profile.region].filter(Boolean).join(" ");
  return {
    name: profile.legalName || customerName,
    email: profile.email,
    addressLines: [profile.addressLine1, profile.addressLine2, cityLine].filter(Boolean),
    country: profile.country,
  };
}
