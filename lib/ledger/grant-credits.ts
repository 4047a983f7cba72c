import "server-only";
import type { CreditGrantKind } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors/app-error";
import { appendEntry } from "./append-entry";
import { big, type Sql } from "@/lib/db/sql";
import { lockOrCreateWallet, type Wallet } from "./wallet";

/** Default priorities: among grants expiring together, free credits burn before paid ones. */
export const DEFAULT_PRIORITY: Record<CreditGrantKind, number> = { TRIAL: 10, PROMOTIONAL: 20, ADJUSTMENT: 50, PURCHASE: 100, AUTO_RECHARGE: 100 };

export type GrantInput = {
  customerId: string;
  kind: CreditGrantKind;
  amountMinor: bigint;
  /** Must be the customer's currency (credits are money in it). */
  currency: string;
  description: string;
  priority?: number;
  expiresAt?: Date | null;
  /** A payment is credited once: a second grant for the same PaymentIntent is not made. */
  paymentIntentId?: string | null;
  /** Once-per-customer grants (trial credits): a second grant with the same key is not made. */
  sourceKey?: string | null;
  purchaseId?: string | null;
  actorId?: string | null;
  /** Credits given back for usage that now costs less: the entry records it as negative rated usage. */
  usageRefund?: boolean;
};

export type GrantResult = { grantId: string; wallet: Wallet } | null;

const INSERT_GRANT = `
INSERT INTO credit_grants (customer_id, kind, amount_minor, remaining_minor, priority, expires_at, description, payment_intent_id, source_key, purchase_id, created_by_id)
VALUES ($1::uuid, $2::"CreditGrantKind", $3::bigint, $3::bigint, $4::int, $5::timestamptz, $6, $7, $8, $9::uuid, $10::uuid)
ON CONFLICT DO NOTHING
RETURNING id::text`;

/** Re-arms auto-recharge once the balance is back at or over its threshold. */
const REARM = `UPDATE credit_auto_recharges SET armed = true, updated_at = now() WHERE customer_id = $1::uuid AND NOT armed AND threshold_minor <= $2::bigint`;

/**
 * Grants credits in the caller's transaction: a grant row and a GRANT ledger entry, the wallet created if
 * needed and its balance raised. Returns null, changing nothing, when the grant was already made (the same
 * PaymentIntent or source key): replays are harmless.
 */
export async function grantCredits(sql: Sql, g: GrantInput): Promise<GrantResult> {
  if (g.amountMinor <= 0n) throw new AppError("UNPROCESSABLE", "A grant must give a positive amount", { problems: [{ field: "amountMinor", rule: "positive", message: "must be more than zero" }] });
  const wallet = await lockOrCreateWallet(sql, g.customerId);
  if (wallet.currency !== g.currency.toUpperCase()) {
    throw new AppError("UNPROCESSABLE", `Credits are in ${wallet.currency}, the customer's currency, not ${g.currency}`, { problems: [{ field: "currency", rule: "customer_currency", message: `must be ${wallet.currency}` }] });
  }
  const [row] = await sql.query<{ id: string }>(INSERT_GRANT, [
    g.customerId,
    g.kind,
    big(g.amountMinor),
    g.priority ?? DEFAULT_PRIORITY[g.kind],
    g.expiresAt ?? null,
    g.description,
    g.paymentIntentId ?? null,
    g.sourceKey ?? null,
    g.purchaseId ?? null,
    g.actorId ?? null,
  ]);
  if (!row) return null;
  const after = await appendEntry(sql, wallet, {
    kind: "GRANT",
    amountMinor: g.amountMinor,
    movements: [{ grantId: row.id, amountMinor: g.amountMinor }],
    description: g.description,
    grantId: row.id,
    actorId: g.actorId,
    usage: g.usageRefund ? { ratedMinor: -g.amountMinor, eventCount: 0, firstEventId: "", lastEventId: "" } : null,
  });
  await sql.query(REARM, [g.customerId, big(after.balanceMinor)]);
  return { grantId: row.id, wallet: after };
}
