import "server-only";
import { prisma } from "@/lib/db/client";
import { isUuid } from "@/lib/db/is-uuid";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { moneyDto, type MoneyDto } from "@/lib/money/money-dto";
import { purchaseDto } from "@/lib/ledger/credit-mappers";
import type { PurchaseDto } from "@/lib/ledger/credit-dto";
import { parseCurrency } from "@/lib/money/currencies";

/** One purchase of the customer's, with the balance now (the return page polls it until PAID). */
export async function getPurchase(actor: Actor, customerId: string, purchaseId: string): Promise<{ purchase: PurchaseDto; balance: MoneyDto }> {
  assertCanActForCustomer(actor, customerId);
  if (!isUuid(customerId) || !isUuid(purchaseId)) throw new AppError("NOT_FOUND", "No such purchase");
  const p = await prisma.creditPurchase.findUnique({ where: { customerId_id: { customerId, id: purchaseId } }, include: { wallet: { select: { balanceMinor: true } } } });
  if (!p) throw new AppError("NOT_FOUND", "No such purchase");
  const currency = parseCurrency(p.currency);
  return { purchase: purchaseDto(p, currency), balance: moneyDto(p.wallet.balanceMinor, currency) };
}
