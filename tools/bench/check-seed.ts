/**
 * The customers of `npm run bench:check` and what their entitlement checks must answer. Every customer is on
 * one postpaid plan pricing the `bench_tokens` meter at $0.001 a token; by `i % 5` it has:
 *   0  a hard cap on spend of $1.00, and usage of exactly $1.00: refused (spending_limit_reached), with or without ?meter=
 *   1  an alert-only spend limit of $1.00, and $1.50 of usage: allowed (alerts never block)
 *   2  a hard cap of 5,000 tokens on the meter, and 5,000 tokens: refused with ?meter=, allowed without it
 *   3  a hard cap on spend of $10.00 and $0.30 of usage: allowed, $9.70 left
 *   4  no limit, and 0 to $0.49 of usage: allowed
 * Limits and plans are set through lib (as the admin UI does); usage is posted to the running app's
 * POST /api/v1/events, so rollups, period charges and alerts are made as in production.
 */
export const METER = "bench_tokens";
const UNIT_PRICE = "0.001";

type Answer = { allowed: boolean; reason: string | null; spendMinor: number; limits: number };
export type Profile = { externalId: string; tokens: number; plain: Answer; withMeter: Answer };

export function profiles(count: number): Profile[] {
  return Array.from({ length: count }, (_, i) => {
    const externalId = `check-${String(i).padStart(3, "0")}`;
    const kind = i % 5;
    const tokens = [1000, 1500, 5000, 300, 10 * (i % 50)][kind];
    const spendMinor = tokens / 10;
    const ok = (limits: number): Answer => ({ allowed: true, reason: null, spendMinor, limits });
    const capped = (limits: number): Answer => ({
      allowed: false,
      reason: "spending_limit_reached",
      spendMinor,
      limits,
    });
    const answers: [Answer, Answer][] = [
      [capped(1), capped(1)],
      [ok(1), ok(1)],
      [ok(0), capped(1)],
      [ok(1), ok(1)],
      [ok(0), ok(0)],
    ];
    return { externalId, tokens, plain: answers[kind][0], withMeter: answers[kind][1] };
  });
}

/** Seeds the database at `databaseUrl` (in this process, through lib); returns a global API key's secret. */
export async function seedCheck(databaseUrl: string, customers: Profile[]): Promise<string> {
  process.env.DATABASE_URL = databaseUrl;
  const { upsertCustomer, upsertMeter, upsertUser, createTestApiKey } = await import("@/lib/seed/factories");
  const { createPlan } = await import("@/lib/plans/create-plan");
  const { updateDraftVersion } = await import("@/lib/plans/update-draft-version");
  const { publishPlanVersion } = await import("@/lib/plans/publish-plan-version");
  const { assignSubscription } = await import("@/lib/subscriptions/assign-subscription");
  const { setLimit } = await import("@/lib/limits/set-limit");
  const { closeDb } = await import("@/lib/db/client");
  const user = await upsertUser({ email: "bench-admin@meterly.local", role: "ADMIN" });
  const admin = { kind: "user" as const, userId: user.id, role: "ADMIN" as const, customerId: null };
  const meter = await upsertMeter({
    key: METER,
    eventType: METER,
    aggregation: "SUM",
    valueProperty: "tokens",
    groupBy: ["model"],
    unit: "tokens",
  });
  const { draftVersionId } = await createPlan(admin, { name: "Bench check", currency: "USD" });
  await updateDraftVersion(admin, draftVersionId, {
    currency: "USD",
    interval: "MONTH",
    baseFeeMinor: 0,
    minimumSpendMinor: 0,
    trialDays: 0,
    paymentTerms: "POSTPAID",
    prices: [{ meterId: meter.id, model: { kind: "per_unit", unitPrice: UNIT_PRICE } }],
  });
  await publishPlanVersion(admin, draftVersionId);
  for (const [i, p] of customers.entries()) {
    const c = await upsertCustomer({ externalId: p.externalId });
    await assignSubscription(admin, c.id, { planVersionId: draftVersionId });
    const limit = [
      { scope: "spend", amount: "1.00", mode: "hard_cap" },
      { scope: "spend", amount: "1.00", mode: "alert", thresholds: [50, 80, 100] },
      { scope: meter.id, amount: "5000", mode: "hard_cap" },
      { scope: "spend", amount: "10.00", mode: "hard_cap" },
      null,
    ][i % 5];
    if (limit) await setLimit(admin, c.id, limit);
  }
  const key = await createTestApiKey({ name: "bench check" });
  await closeDb();
  return key.secret;
}

/**
 * Posts each customer's usage to the app in events of at most 500 tokens (whole cents each); then, for the
 * customers at a spend cap, one more event, which must be refused with 402 spending_limit_reached.
 */
export async function postUsage(origin: string, key: string, customers: Profile[]): Promise<void> {
  const post = (body: unknown) =>
    fetch(`${origin}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  for (const p of customers) {
    const events = [];
    for (let left = p.tokens, n = 0; left > 0; left -= 500, n++)
      events.push({
        id: `${p.externalId}-${n}`,
        customer: p.externalId,
        type: METER,
        properties: { tokens: Math.min(500, left), model: "gpt-x" },
      });
    if (events.length === 0) continue;
    const res = await post({ events });
    const body = (await res.json()) as { accepted?: number };
    if (res.status !== 202 || body.accepted !== events.length)
      throw new Error(`usage of ${p.externalId}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    if (p.plain.reason === "spending_limit_reached") {
      const over = await post({
        id: `${p.externalId}-over`,
        customer: p.externalId,
        type: METER,
        properties: { tokens: 10, model: "gpt-x" },
      });
      const refusal = (await over.json()) as { error?: { code?: string } };
      if (over.status !== 402 || refusal.error?.code !== "spending_limit_reached")
        throw new Error(
          `${p.externalId} is at its cap, yet one more event got ${over.status} ${JSON.stringify(refusal).slice(0, 300)}`,
        );
    }
  }
}

export const entitlementPath = (externalId: string, withMeter: boolean) =>
  `/api/v1/customers/${externalId}/entitlements${withMeter ? `?meter=${METER}` : ""}`;

type Entitlement = {
  allowed: boolean;
  reason: string | null;
  spendThisPeriod: { amountMinor: number };
  limits: unknown[];
  resetsAt: string | null;
};

/** Every customer's two answers (with and without ?meter=) against what its profile says; the differences found. */
export async function verifyAnswers(origin: string, key: string, customers: Profile[]): Promise<string[]> {
  const problems: string[] = [];
  for (const p of customers) {
    for (const withMeter of [false, true]) {
      const path = entitlementPath(p.externalId, withMeter);
      const res = await fetch(`${origin}${path}`, { headers: { authorization: `Bearer ${key}` } });
      if (res.status !== 200) {
        problems.push(`${path}: ${res.status}`);
        continue;
      }
      const e = (await res.json()) as Entitlement;
      const want = withMeter ? p.withMeter : p.plain;
      const got: Answer = {
        allowed: e.allowed,
        reason: e.reason,
        spendMinor: e.spendThisPeriod.amountMinor,
        limits: e.limits.length,
      };
      if (JSON.stringify(got) !== JSON.stringify(want) || !e.resetsAt)
        problems.push(`${path}: ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
  }
  return problems;
}
