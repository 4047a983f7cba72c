import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { prisma } from "@/lib/db/client";
import { EMAIL_CATEGORY_KEYS } from "../email-categories";
import { assertMemberOf } from "./assert-member-of";
import { emailPreferencesInput, type EmailPreferences } from "./email-preferences-input";

/** Saves which email categories the acting member gets for their customer (the ones off are stored). */
export async function saveEmailPreferences(
  actor: Actor,
  customerId: string,
  input: unknown,
): Promise<EmailPreferences> {
  assertMemberOf(actor, customerId);
  const prefs = emailPreferencesInput.parse(input);
  const off = EMAIL_CATEGORY_KEYS.filter((c) => !prefs[c]);
  await prisma.$transaction([
    prisma.emailOptOut.deleteMany({ where: { customerId, userId: actor.userId } }),
    prisma.emailOptOut.createMany({
      data: off.map((category) => ({ customerId, userId: actor.userId, category })),
    }),
  ]);
  return prefs;
}
