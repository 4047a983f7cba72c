import "server-only";
import { prisma } from "@/lib/db/client";
import { issueMemberToken } from "./issue-member-token";
import { z } from "zod";
import { memberEmail } from "./member-input";
import { sendMemberLinkEmail } from "./member-link-email";
import { PENDING_PASSWORD } from "./pending-password";

const resetRequest = z.object({ email: memberEmail });

/** At most one reset email per member per minute, whoever asks. */
const RESEND_AFTER_MS = 60_000;

/**
 * "Forgot password?": when `email` is a member's who has a password, emails them a reset link (one
 * time, 1 hour). The answer is the same whether or not the email has an account, and the email goes
 * out after the answer (`sent` resolves when it has), so neither the words nor the time tell. An
 * invalid address is refused (422 on `email`) like any bad input.
 */
export async function requestPasswordReset(input: unknown, now = new Date()): Promise<{ sent: Promise<void> }> {
  const { email } = resetRequest.parse(input);
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, role: true, passwordHash: true, customer: { select: { name: true } } } });
  if (!user || user.role !== "MEMBER" || !user.customer || user.passwordHash === PENDING_PASSWORD) return { sent: Promise.resolve() };
  const customerName = user.customer.name;
  const sent = (async () => {
    const recent = await prisma.memberToken.count({ where: { userId: user.id, purpose: "RESET", createdAt: { gt: new Date(now.getTime() - RESEND_AFTER_MS) } } });
    if (recent > 0) return;
    const token = await prisma.$transaction((tx) => issueMemberToken(tx, user.id, "RESET", null, now));
    await sendMemberLinkEmail({ to: email, purpose: "RESET", token, customerName });
  })().catch((e) => console.error("a password reset email failed:", e));
  return { sent };
}
