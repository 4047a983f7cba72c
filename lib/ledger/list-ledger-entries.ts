import "server-only";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { parseCurrency } from "@/lib/money/currencies";
import type { LedgerEntryDto } from "./credit-dto";
import { entryDto } from "./credit-mappers";

export const LEDGER_PAGE_SIZE = 20;

export type LedgerPage = { entries: LedgerEntryDto[]; nextBefore: string | null };

/**
 * The customer's ledger, newest first, a page at a time: `before` is the seq to continue below (from the
 * previous page's nextBefore). Keyset pagination on (customer_id, seq), the primary key.
 */
export async function listLedgerEntries(actor: Actor, customerId: string, opts: { before?: string | null; limit?: number } = {}): Promise<LedgerPage> {
  assertCanActForCustomer(actor, customerId);
  if (!isUuid(customerId)) throw new AppError("NOT_FOUND", "No such customer");
  const before = parseBefore(opts.before);
  const limit = Math.min(Math.max(opts.limit ?? LEDGER_PAGE_SIZE, 1), 100);
  const customer = await prisma.customer.findUnique({ where: { id: customerId }, select: { currency: true } });
  if (!customer) throw new AppError("NOT_FOUND", "No such customer");
  const rows = await prisma.creditLedgerEntry.findMany({
    where: { customerId, ...(before !== null ? { seq: { lt: before } } : {}) },
    orderBy: { seq: "desc" },
    take: limit + 1,
  });
  const currency = parseCurrency(customer.currency);
  const page = rows.slice(0, limit);
  return { entries: page.map((e) => entryDto(e, currency)), nextBefore: rows.length > limit ? page[page.length - 1].seq.toString() : null };
}

function parseBefore(before: string | null | undefined): bigint | null {
  if (before === undefined || before === null || before === "") return null;
  if (!/^\d{1,18}$/.test(before)) {
    throw new AppError("UNPROCESSABLE", "before must be a ledger entry number", { problems: [{ field: "before", rule: "integer", message: "must be a ledger entry number" }] });
  }
  return BigInt(before);
}
