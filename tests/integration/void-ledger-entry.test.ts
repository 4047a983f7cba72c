import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as eventsRoute } from "@/app/api/v1/events/route";
import { GET as ledgerRoute } from "@/app/api/portal/credits/ledger/route";
import { POST as voidRoute } from "@/app/api/admin/event-voids/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { runLedgerCheck } from "@/lib/checks/run-ledger-check";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { balanceOf, creditPlan, grant, soon } from "../support/credit-fixtures";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, memberOf, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Entry = { kind: string; amount: { amountMinor: number }; balanceAfter: { amountMinor: number }; description: string };

let admin: CurrentUser;
beforeAll(async () => {
  admin = await adminUser();
});

describe("a void gives credits back as a visible, explained ledger line", () => {
  it("the member's history lists the return with the voided event, and ledger:check holds", async () => {
    const t = tag();
    const meter = await upsertMeter({ key: `vl_${t}`, eventType: `vl_${t}`, aggregation: "SUM", valueProperty: "tokens" });
    const { customer, key } = await customerWithKey("void-ledger");
    await creditPlan(admin, customer.id, { meterId: meter.id, model: { kind: "per_unit", unitPrice: "0.01" }, paymentTerms: "PREPAID" });
    await grant(customer.id, 1000n);
    const events = [120, 30, 50].map((tokens, i) => ({ id: `v${i}-${t}`, customer: customer.externalId, type: meter.eventType, timestamp: soon().toISOString(), properties: { tokens } }));
    expect((await callRoute(eventsRoute, { key: key.secret, body: { events } })).status).toBe(202);
    expect(await balanceOf(customer.id)).toBe(800n);

    signInAs(admin);
    const one = await callRoute(voidRoute, { method: "POST", body: { customer: customer.externalId, eventId: `v1-${t}`, reason: "test traffic" } });
    expect(one.status).toBe(200);
    const range = await callRoute(voidRoute, {
      method: "POST",
      body: { customer: customer.externalId, eventType: meter.eventType, from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 60_000).toISOString(), property: { name: "tokens", value: 50 }, reason: "duplicate batch" },
    });
    expect([range.status, range.json.voided]).toEqual([200, 1]);
    expect(await balanceOf(customer.id)).toBe(880n);

    signInAs(await memberOf(customer.id));
    const ledger = await callRoute(ledgerRoute, { url: "http://localhost/api/portal/credits/ledger" });
    expect(ledger.status).toBe(200);
    const [latest, previous] = ledger.json.entries as Entry[];
    expect([latest.kind, latest.amount.amountMinor, latest.balanceAfter.amountMinor, latest.description]).toEqual([
      "GRANT",
      50,
      880,
      `Usage voided: event v2-${t} (duplicate batch)`,
    ]);
    expect([previous.kind, previous.amount.amountMinor, previous.balanceAfter.amountMinor, previous.description]).toEqual([
      "GRANT",
      30,
      830,
      `Usage voided: event v1-${t} (test traffic)`,
    ]);
    // Every balance change is a line: the entries add up to the balance.
    const all = ledger.json.entries as Entry[];
    expect(all.reduce((sum, e) => sum + e.amount.amountMinor, 0)).toBe(880);
    expect(await runLedgerCheck(process.env.DATABASE_URL!, [customer.externalId])).toEqual([]);
  });
});
