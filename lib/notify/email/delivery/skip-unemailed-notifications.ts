import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { NOT_EMAILED_KINDS } from "../email-categories";

/**
 * Marks up to `limit` notifications of the webhook-only kinds done for email (emailed_at, no recipient), in one
 * statement, so they neither wait in the email queue nor cost a claim each. Safe beside other sweeps
 * (FOR UPDATE SKIP LOCKED). Returns how many it marked.
 */
export async function skipUnemailedNotifications(limit: number, customerId?: string): Promise<number> {
  const forCustomer = customerId ? Prisma.sql`AND customer_id = ${customerId}::uuid` : Prisma.empty;
  return prisma.$executeRaw`
    UPDATE notifications n SET emailed_at = now()
    FROM (
      SELECT customer_id, id FROM notifications
      WHERE emailed_at IS NULL AND kind = ANY(${NOT_EMAILED_KINDS as string[]}::text[]) ${forCustomer}
      ORDER BY created_at LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) s
    WHERE n.customer_id = s.customer_id AND n.id = s.id`;
}
