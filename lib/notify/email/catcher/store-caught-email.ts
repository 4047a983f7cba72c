import "server-only";
import { prisma } from "@/lib/db/client";
import type { CaughtMessage } from "./start-mail-catcher";

/** Keeps a message the local catcher received, for the admin Mail page. */
export async function storeCaughtEmail(m: CaughtMessage): Promise<void> {
  await prisma.caughtEmail.create({
    data: {
      sender: m.sender,
      recipients: m.recipients,
      subject: m.subject,
      text: m.text,
      html: m.html,
      messageId: m.messageId,
      sizeBytes: m.sizeBytes,
    },
  });
}
