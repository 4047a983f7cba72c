import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";
import { issueMemberToken } from "./issue-member-token";
import { sendMemberLinkEmail } from "./member-link-email";
import { PENDING_PASSWORD } from "./pending-password";

/**
 * An admin sends a member of `customerId` a password reset link (one time, 1 hour), from the customer's
 * page. A member who has not accepted their invitation gets a new invitation instead. Audited.
 */
export async function sendPasswordReset(actor: Actor, customerId: string, userId: string): Promise<{ email: string; purpose: "INVITE" | "RESET"; emailed: boolean }> {
  assertAdmin(actor);
  const user = isUuid(userId) && isUuid(customerId)
    ? await prisma.user.findFirst({ where: { id: userId, customerId, role: "MEMBER" }, select: { id: true, email: true, passwordHash: true, customer: { select: { name: true } } } })
    : null;
  if (!user?.customer) throw new AppError("NOT_FOUND", "No such member of this customer");
  const purpose = user.passwordHash === PENDING_PASSWORD ? "INVITE" : "RESET";
  const token = await prisma.$transaction(async (tx) => {
    const t = await issueMemberToken(tx, user.id, purpose, actor.userId);
    await recordAudit(actor, purpose === "INVITE" ? "member.reinvited" : "member.password_reset_sent", user.id, { customerId, email: user.email }, tx);
    return t;
  });
  const emailed = await sendMemberLinkEmail({ to: user.email, purpose, token, customerName: user.customer.name }).catch((e) => {
    throw new AppError("UNAVAILABLE", `The link was made but the email could not be sent (${e instanceof Error ? e.message : e}): send it again`);
  });
  return { email: user.email, purpose, emailed };
}
