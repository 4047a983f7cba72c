import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { issueMemberToken } from "./issue-member-token";
import { inviteInput } from "./member-input";
import { sendMemberLinkEmail } from "./member-link-email";
import { PENDING_PASSWORD } from "./pending-password";

const emailTaken = (email: string) =>
  new AppError("UNPROCESSABLE", `${email} already has an account`, {
    problems: [{ field: "email", rule: "unique", message: `${email} already has an account` }],
  });

/**
 * An admin invites a member of a customer by email: the member's account is made without a password
 * (no sign-in works yet) and an invitation with a one-time link (7 days) is emailed; accepting it sets
 * the password (accept-invite). Inviting a pending member again sends a new link (the old one stops
 * working). An email that already has an account elsewhere is refused (422 on `email`, rule `unique`).
 */
export async function inviteMember(actor: Actor, customerId: string, input: unknown): Promise<{ userId: string; email: string; emailed: boolean }> {
  assertAdmin(actor);
  const { email, name } = inviteInput.parse(input);
  const customer = isUuid(customerId) ? await prisma.customer.findUnique({ where: { id: customerId }, select: { id: true, name: true } }) : null;
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const { userId, token } = await prisma
    .$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email }, select: { id: true, customerId: true, passwordHash: true } });
      if (existing && (existing.customerId !== customer.id || existing.passwordHash !== PENDING_PASSWORD)) throw emailTaken(email);
      const user = existing ?? (await tx.user.create({ data: { email, name, role: "MEMBER", customerId: customer.id, passwordHash: PENDING_PASSWORD }, select: { id: true } }));
      const token = await issueMemberToken(tx, user.id, "INVITE", actor.userId);
      await recordAudit(actor, existing ? "member.reinvited" : "member.invited", user.id, { customerId: customer.id, email }, tx);
      return { userId: user.id, token };
    })
    .catch((e) => {
      if ((e as { code?: string }).code === "P2002") throw emailTaken(email);
      throw e;
    });
  const emailed = await sendMemberLinkEmail({ to: email, purpose: "INVITE", token, customerName: customer.name }).catch((e) => {
    throw new AppError("UNAVAILABLE", `The invitation was saved but the email could not be sent (${e instanceof Error ? e.message : e}): send it again`);
  });
  return { userId, email, emailed };
}
