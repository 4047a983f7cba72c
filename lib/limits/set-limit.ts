import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { assertCanActForCustomer } from "@/lib/auth/assert-role";
import { recordAudit } from "@/lib/audit/record-audit";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import { parseCurrency } from "@/lib/money/currencies";
import { formatMinor } from "@/lib/money/format";
import { formatQuantity } from "@/lib/money/format-major";
import { majorToMinor } from "@/lib/money/major-units";
import { MoneyDecimal } from "@/lib/money/decimal";
import { limitInput } from "./limit-input";
import { alertReachedThresholds } from "./alert-reached-thresholds";
import { resolveAlerts } from "./resolve-alerts";

const unprocessable = (field: string, rule: string, message: string): never => {
  const problem: FieldProblem = { field, rule, message };
  throw new AppError("UNPROCESSABLE", `${field}: ${message}`, { problems: [problem] });
};

/**
 * Sets one of a customer's limits (creates or replaces it): an admin's is the ceiling, a member's is their
 * customer's own. A customer's amount may be lower than the admin's hard cap of the same scope, never
 * higher (422 naming `amount` and the ceiling). A hard cap's thresholds are at most 100%. It applies to
 * usage ingested from the moment it commits (the ingest transaction reads it). Audited.
 */
export async function setLimit(actor: Actor, customerId: string, input: unknown) {
  assertCanActForCustomer(actor, customerId);
  if (actor.kind !== "user") throw new AppError("FORBIDDEN", "Limits are set by people, not API keys");
  const p = limitInput.parse(input);
  const owner = actor.role === "ADMIN" ? "ADMIN" : "CUSTOMER";
  const thresholds = [...new Set(p.thresholds)].sort((a, b) => a - b);
  if (p.mode === "hard_cap" && thresholds.some((t) => t > 100))
    unprocessable("thresholds", "max_100_for_hard_cap", "a hard cap's thresholds are at most 100%");
  const saved = await prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId }, select: { currency: true } });
    if (!customer) throw new AppError("NOT_FOUND", "No such customer");
    const currency = parseCurrency(customer.currency);
    const amount = await parseAmount(tx, p.scope, p.amount, currency);
    if (owner === "CUSTOMER") {
      const ceiling = await tx.spendingLimit.findUnique({
        where: { customerId_scope_setBy: { customerId, scope: p.scope, setBy: "ADMIN" } },
      });
      const cap =
        ceiling?.mode === "HARD_CAP"
          ? (ceiling.limitMinor?.toString() ?? ceiling.limitQuantity?.toFixed())
          : null;
      if (cap && new MoneyDecimal(amount.value).gt(cap)) {
        const shown = p.scope === "spend" ? formatMinor(BigInt(cap), currency) : formatQuantity(cap);
        unprocessable("amount", "max_ceiling", `must be at most ${shown}, the cap your provider set`);
      }
    }
    const data = {
      mode: p.mode === "hard_cap" ? ("HARD_CAP" as const) : ("ALERT" as const),
      limitMinor: amount.minor,
      limitQuantity: amount.quantity,
      thresholds,
      meterId: p.scope === "spend" ? null : p.scope,
    };
    const row = await tx.spendingLimit.upsert({
      where: { customerId_scope_setBy: { customerId, scope: p.scope, setBy: owner } },
      create: { customerId, scope: p.scope, setBy: owner, ...data },
      update: data,
    });
    await recordAudit(
      actor,
      "limit.set",
      customerId,
      { scope: p.scope, setBy: owner, mode: p.mode, amount: amount.value, thresholds },
      tx,
    );
    return row;
  });
  // A raised limit may put this period's value back under alerts it had crossed; a lower one over new ones.
  await resolveAlerts([customerId]);
  await alertReachedThresholds(customerId);
  return saved;
}

/** "25.00" in minor units for spend; a positive quantity for a meter of the catalog. */
async function parseAmount(
  tx: Prisma.TransactionClient,
  scope: string,
  raw: string,
  currency: ReturnType<typeof parseCurrency>,
): Promise<{ value: string; minor: bigint | null; quantity: string | null }> {
  if (scope === "spend") {
    const parsed = majorToMinor(raw, currency);
    if (!parsed.ok) return unprocessable("amount", "amount", parsed.message);
    if (parsed.minor <= 0n) return unprocessable("amount", "positive", "must be more than zero");
    return { value: parsed.minor.toString(), minor: parsed.minor, quantity: null };
  }
  if (!isUuid(scope) || !(await tx.meter.findUnique({ where: { id: scope }, select: { id: true } })))
    return unprocessable("scope", "meter", "no such meter");
  const t = raw.replace(/,/g, "");
  if (!/^\d{1,24}(\.\d{1,12})?$/.test(t))
    return unprocessable("amount", "quantity", "must be a quantity like 1000000 or 2.5");
  const q = new MoneyDecimal(t);
  if (q.lte(0)) return unprocessable("amount", "positive", "must be more than zero");
  return { value: q.toFixed(), minor: null, quantity: q.toFixed() };
}
