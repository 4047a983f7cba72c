import "server-only";
import { recordAudit } from "@/lib/audit/record-audit";
import { hashPassword } from "@/lib/auth/password";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { hashMemberToken } from "./member-token";
import { setPasswordInput } from "./member-input";

const deadLink = () =>
  new AppError("UNPROCESSABLE", "This link has expired or was already used: ask for a new one", {
    problems: [{ field: "token", rule: "valid_link", message: "This link has expired or was already used: ask for a new one" }],
  });

/**
 * Sets a member's password from a one-time link (`purpose`: accepting an invitation, or a reset): the
 * token is claimed by a conditional update (unused, unexpired), so of two concurrent uses one wins; the
 * member's other open links of either kind stop working. Returns the member's email, to sign in with.
 */
export async function setPasswordWithToken(purpose: "INVITE" | "RESET", input: unknown, now = new Date()): Promise<{ email: string }> {
  const { token, password } = setPasswordInput.parse(input);
  const tokenHash = hashMemberToken(token);
  const passwordHash = await hashPassword(password);
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.memberToken.updateMany({ where: { tokenHash, purpose, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count !== 1) throw deadLink();
    const { user } = await tx.memberToken.findUniqueOrThrow({ where: { tokenHash }, select: { user: { select: { id: true, email: true, role: true, customerId: true } } } });
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await tx.memberToken.updateMany({ where: { userId: user.id, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const actor = { kind: "user" as const, userId: user.id, role: user.role, customerId: user.customerId };
    await recordAudit(actor, purpose === "INVITE" ? "member.invitation_accepted" : "member.password_reset", user.id, { customerId: user.customerId }, tx);
    return { email: user.email };
  });
}
