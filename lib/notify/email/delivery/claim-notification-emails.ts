import "server-only";
import { prisma } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { NOT_EMAILED_KINDS } from "../email-categories";

export type ClaimedNotification = {
  customerId: string;
  id: bigint;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
};

/** How long a claimed notification is this sweep's before another may take it (a crashed sweep's lease runs out). */
export const EMAIL_LEASE_SECONDS = 120;
/** After this many failed attempts (about a day of back-off) a notification is no longer emailed. */
export const MAX_EMAIL_ATTEMPTS = 24;

/**
 * Claims up to `limit` notifications not yet emailed (of the kinds that are emailed) and due (never tried, or their back-off or a dead sweep's
 * lease is over), oldest first, in one statement: rows are picked FOR UPDATE SKIP LOCKED and leased
 * (email_retry_at), so sweeps running at once on several instances claim disjoint notifications. `customerId`
 * limits it to one customer (tests).
 */
export async function claimNotificationEmails(
  limit: number,
  customerId?: string,
): Promise<ClaimedNotification[]> {
  const forCustomer = customerId ? Prisma.sql`AND customer_id = ${customerId}::uuid` : Prisma.empty;
  const rows = await prisma.$queryRaw<
    {
      customer_id: string;
      id: bigint;
      kind: string;
      payload: Record<string, unknown>;
      email_attempts: number;
    }[]
  >`
    UPDATE notifications n
    SET email_attempts = n.email_attempts + 1, email_retry_at = now() + make_interval(secs => ${EMAIL_LEASE_SECONDS})
    FROM (
      SELECT customer_id, id FROM notifications
      WHERE emailed_at IS NULL AND email_attempts < ${MAX_EMAIL_ATTEMPTS}
        AND (email_retry_at IS NULL OR email_retry_at <= now())
        AND kind <> ALL(${NOT_EMAILED_KINDS as string[]}::text[]) ${forCustomer}
      ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ) due
    WHERE n.customer_id = due.customer_id AND n.id = due.id
    RETURNING n.customer_id, n.id, n.kind, n.payload, n.email_attempts`;
  return rows.map((r) => ({
    customerId: r.customer_id,
    id: r.id,
    kind: r.kind,
    payload: r.payload ?? {},
    attempts: r.email_attempts,
  }));
}
