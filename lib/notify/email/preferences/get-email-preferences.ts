import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { EMAIL_CATEGORY_KEYS } from "../email-categories";
import { assertMemberOf } from "./assert-member-of";
import type { EmailPreferences } from "./email-preferences-input";

/** Which email categories the acting member gets for their customer: all on unless turned off. */
export async function getEmailPreferences(actor: Actor, customerId: string): Promise<EmailPreferences> {
  assertMemberOf(actor, customerId);
  const off = await prisma.emailOptOut.findMany({
    where: { customerId, userId: actor.userId },
    select: { category: true },
  });
  const offSet = new Set(off.map((o) => o.category));
  return Object.fromEntries(EMAIL_CATEGORY_KEYS.map((c) => [c, !offSet.has(c)])) as EmailPreferences;
}
