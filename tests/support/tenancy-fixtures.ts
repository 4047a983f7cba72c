import { expect } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { previewUpcomingInvoice } from "@/lib/billing/preview-upcoming-invoice";
import { runBillingClose } from "@/lib/billing/run-billing-close";
import { updateBillingProfile } from "@/lib/billing/billing-profile";
import { prisma } from "@/lib/db/client";
import { setLimit } from "@/lib/limits/set-limit";
import { createTestApiKey, upsertCustomer, upsertMeter } from "@/lib/seed/factories";
import { grant } from "./credit-fixtures";
import { subscribe } from "./plan-fixtures";
import { pendingPurchase } from "./stripe-fixtures";
import { adminUser, memberOf, send, tag } from "./usage-fixtures";

const HOUR = 3_600_000;

export type Tenant = Awaited<ReturnType<typeof tenant>>;

/**
 * A customer with data of every kind the portal and the API show: a member, a key limited to it, a plan,
 * usage events, a finalized invoice with a number, credits and their ledger, a purchase, limits (a
 * spend alert and a hard cap on the meter), billing details. `figures` are amounts and texts distinctive
 * to this customer, to look for in other customers' answers.
 */
async function tenant(admin: CurrentUser, label: string, t: string, meter: { id: string; key: string; eventType: string }, figures: { baseFeeMinor: number; creditsMinor: bigint; priceMinor: bigint; tokens: number; spendLimit: string; tokenCap: string }) {
  const customer = await upsertCustomer({ externalId: `${label.toLowerCase()}-${t}`, name: `${label} Holdings ${t}` });
  const member = await memberOf(customer.id);
  const key = await createTestApiKey({ name: `${label} key ${t}`, customerId: customer.id });
  await subscribe(admin, customer.id, { baseFeeMinor: figures.baseFeeMinor, prices: [{ meterId: meter.id, model: { kind: "per_unit", unitPrice: "0.01" } }] });
  const eventId = `${label.toLowerCase()}-evt-${t}`;
  await send(key.secret, customer.externalId, meter.eventType, [{ id: eventId, at: new Date(Date.now() + 1000), props: { tokens: figures.tokens } }]);
  const upcoming = await previewUpcomingInvoice(admin, customer.id);
  const closed = await runBillingClose({ at: new Date(new Date(upcoming!.period.end).getTime() + 25 * HOUR), customerId: customer.id });
  expect(closed.finalized).toBe(1);
  const invoice = await prisma.invoice.findFirstOrThrow({ where: { customerId: customer.id, number: { not: null } } });
  const credit = await grant(customer.id, figures.creditsMinor, { description: `${label} welcome credits ${t}` });
  const { purchase, pack } = await pendingPurchase(customer.id, { priceMinor: figures.priceMinor, creditsMinor: figures.priceMinor });
  await setLimit(admin, customer.id, { scope: "spend", amount: figures.spendLimit, mode: "alert", thresholds: [50, 80] });
  await setLimit(admin, customer.id, { scope: meter.id, amount: figures.tokenCap, mode: "hard_cap", thresholds: [90] });
  await updateBillingProfile(member, customer.id, { legalName: `${label} Legal Name ${t}`, email: `billing-${t}@${label.toLowerCase()}.test`, addressLine1: `${figures.tokens} ${label} Street`, addressLine2: "", city: `${label}ville`, postalCode: "12345", region: "", country: "US" });
  return {
    customer,
    member,
    key,
    eventId,
    invoice: { id: invoice.id, number: invoice.number! },
    purchase: { id: purchase.id, packId: pack.id },
    grantId: String((credit as { grantId?: unknown }).grantId ?? ""),
    /** Texts that only this customer's data contains. */
    secrets: [
      customer.id,
      customer.externalId,
      customer.name,
      invoice.id,
      invoice.number!,
      purchase.id,
      eventId,
      `${label} Legal Name ${t}`,
      `billing-${t}@${label.toLowerCase()}`,
      figures.spendLimit,
      figures.tokenCap,
      `${label}ville`,
      String(figures.baseFeeMinor),
      (figures.baseFeeMinor / 100).toFixed(2),
      figures.creditsMinor.toString(),
      figures.priceMinor.toString(),
      String(figures.tokens),
    ],
  };
}

/**
 * Customers A and B with everything (see tenant), on one shared meter, and an admin. B's figures have 7
 * digits, so that they turn up in A's answers (among uuids and timestamps) only if they are B's.
 */
export async function twoTenants() {
  const admin = await adminUser();
  const t = tag();
  const meter = await upsertMeter({ key: `tokens_${t}`, name: `Tokens ${t}`, eventType: `llm_${t}`, aggregation: "SUM", valueProperty: "tokens", unit: "tokens" });
  const a = await tenant(admin, "Alpha", t, meter, { baseFeeMinor: 12_300, creditsMinor: 2_000_011n, priceMinor: 3_000_017n, tokens: 4_111, spendLimit: "4321.09", tokenCap: "515151" });
  const b = await tenant(admin, "Bravo", t, meter, { baseFeeMinor: 9_876_543, creditsMinor: 7_777_713n, priceMinor: 6_666_651n, tokens: 3_133_711, spendLimit: "86420.79", tokenCap: "2468013" });
  return { admin, meter, a, b };
}
