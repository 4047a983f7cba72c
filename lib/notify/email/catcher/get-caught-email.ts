import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import type { CaughtEmailSummary } from "./list-caught-emails";

export type CaughtEmailDetail = CaughtEmailSummary & {
  text: string;
  html: string | null;
  messageId: string | null;
};

/** Admins: one caught message with its bodies; NOT_FOUND for an id that is not one. */
export async function getCaughtEmail(actor: Actor, id: string): Promise<CaughtEmailDetail> {
  assertAdmin(actor);
  const row = /^\d{1,18}$/.test(id)
    ? await prisma.caughtEmail.findUnique({ where: { id: BigInt(id) } })
    : null;
  if (!row) throw new AppError("NOT_FOUND", "No such email");
  return {
    id: row.id.toString(),
    receivedAt: row.receivedAt.toISOString(),
    sender: row.sender,
    recipients: row.recipients,
    subject: row.subject,
    sizeBytes: row.sizeBytes,
    text: row.text,
    html: row.html,
    messageId: row.messageId,
  };
}
