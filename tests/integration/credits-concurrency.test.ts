import { describe, expect, it } from "vitest";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import { prisma } from "@/lib/db/client";
import { runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { balanceOf, creditPlan, grant, soon } from "../support/credit-fixtures";
import { adminUser, customerWithKey, tag } from "../support/usage-fixtures";

describe("prepaid credits under concurrent ingestion", () => {
  it("500 concurrent ingestions against a wallet of 10 credits never go below zero, and accepted usage equals credits burned, exactly", async () => {
    const t = tag();
    const admin = await adminUser();
    const meter = await upsertMeter({ key: `race_${t}`, eventType: `race_${t}`, aggregation: "SUM", valueProperty: "tokens" });
    const { customer, key } = await customerWithKey("race");
    await creditPlan(admin, customer.id, { meterId: meter.id, model: { kind: "per_unit", unitPrice: "0.01" }, paymentTerms: "PREPAID" });
    await grant(customer.id, 10n);
    const at = soon(3000).toISOString();
    const sent = Array.from({ length: 500 }, (_, i) => ({ id: `r${i}-${t}`, tokens: 1 + (i % 3) }));
    const results = await Promise.all(
      sent.map((e) => callRoute(eventsRoute, { key: key.secret, body: { id: e.id, customer: customer.externalId, type: meter.eventType, timestamp: at, properties: { tokens: e.tokens } } })),
    );
    expect(results.every((r) => r.status === 202 || r.status === 402)).toBe(true);
    const accepted = sent.filter((_, i) => results[i].status === 202);
    const acceptedCents = BigInt(accepted.reduce((sum, e) => sum + e.tokens, 0));
    const balance = await balanceOf(customer.id);
    expect(balance >= 0n).toBe(true);
    expect(10n - balance).toBe(acceptedCents);
    expect(acceptedCents).toBeGreaterThan(0n);
    // Refused events were not stored; every stored event was paid for.
    const stored = await prisma.usageEvent.findMany({ where: { customerId: customer.id }, select: { idempotencyKey: true } });
    expect(stored.map((s) => s.idempotencyKey).sort()).toEqual(accepted.map((e) => e.id).sort());
    const burns = await prisma.creditLedgerEntry.findMany({ where: { customerId: customer.id, kind: "BURN" } });
    expect(-burns.reduce((sum, b) => sum + b.amountMinor, 0n)).toBe(acceptedCents);
    expect(burns.reduce((sum, b) => sum + BigInt(b.eventCount ?? 0), 0n)).toBe(BigInt(accepted.length));
    // Whatever is refused says what it needed and what was left.
    for (const r of results.filter((r) => r.status === 402)) expect(BigInt(r.json.error.credits[0].needed.amountMinor) > BigInt(r.json.error.credits[0].balance.amountMinor)).toBe(true);
    expect(await runLedgerCheck(process.env.DATABASE_URL!, [customer.externalId])).toEqual([]);
  }, 120_000);
});
