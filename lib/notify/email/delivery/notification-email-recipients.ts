import "server-only";
import { prisma } from "@/lib/db/client";
import type { EmailCategory } from "../email-categories";

export type EmailRecipient = { address: string; as: "member" | "billing" };

/**
 * Who gets a customer's email of this category: its members (users of the customer) who have not turned the
 * category off, and the billing email of its billing profile, if set (it gets every category). One entry per
 * address (lower-cased); an address that is both is sent as the member when the member wants it.
 */
export async function notificationEmailRecipients(
  customerId: string,
  category: EmailCategory,
): Promise<EmailRecipient[]> {
  const [members, optedOut, profile] = await Promise.all([
    prisma.user.findMany({
      where: { customerId, role: "MEMBER" },
      select: { id: true, email: true },
      orderBy: { email: "asc" },
    }),
    prisma.emailOptOut.findMany({ where: { customerId, category }, select: { userId: true } }),
    prisma.customerBillingProfile.findUnique({ where: { customerId }, select: { email: true } }),
  ]);
  const off = new Set(optedOut.map((o) => o.userId));
  const byAddress = new Map<string, EmailRecipient>();
  for (const m of members) {
    if (off.has(m.id)) continue;
    const address = m.email.trim().toLowerCase();
    byAddress.set(address, { address, as: "member" });
  }
  const billing = profile?.email.trim().toLowerCase();
  if (billing && !byAddress.has(billing)) byAddress.set(billing, { address: billing, as: "billing" });
  return [...byAddress.values()];
}
