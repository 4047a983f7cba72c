import "server-only";
import { pool, prisma } from "@/lib/db/client";
import { pgSql } from "@/lib/db/sql";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { periodInForce } from "@/lib/subscriptions/period-in-force";
import { composeInvoice } from "./compose-invoice";
import { upcomingDto, type InvoiceDto } from "./invoice-dto";
import { loadPeriodInputs } from "./load-period-inputs";

/**
 * The upcoming invoice: the period in force at `now` composed by the same code that drafts and finalizes
 * it, from the running charges kept at ingest. Null when the customer has no subscription in force.
 * Members see only their own customer (others: 404); a key limited to another customer gets 403.
 */
export async function previewUpcomingInvoice(
  actor: Actor,
  customerId: string,
  now = new Date(),
): Promise<InvoiceDto | null> {
  assertCanActForCustomer(actor, customerId);
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    select: { currency: true },
  });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const inForce = await periodInForce(customerId, now);
  if (!inForce) return null;
  const { period } = inForce;
  const [inputs] = await loadPeriodInputs(pgSql(pool()), [
    { customerId, currency: customer.currency, period },
  ]);
  return upcomingDto(composeInvoice(inputs));
}
