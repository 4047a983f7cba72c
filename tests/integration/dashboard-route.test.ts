import { randomUUID } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as postEventsRoute } from "@/app/api/v1/events/route";
import { GET as dashboardRoute } from "@/app/api/portal/dashboard/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { setLimit } from "@/lib/limits/set-limit";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { grant } from "../support/credit-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, memberOf, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

describe("GET /api/portal/dashboard", () => {
  let admin: CurrentUser;
  let images: { id: string; eventType: string };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    images = await upsertMeter({
      key: `dash_${t}`,
      name: "Images",
      eventType: `dash_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "images",
    });
  });
  beforeEach(() => signInAs(null));
  const dashboard = () => callRoute(dashboardRoute, { url: "http://localhost/api/portal/dashboard" });

  it("shows the member's spend, upcoming invoice, credit runway and limits, from their own customer only", async () => {
    const c = await customerWithKey("dash");
    await grant(c.customer.id, 1_000n);
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: 2000,
      prices: [{ meterId: images.id, model: { kind: "per_unit", unitPrice: "0.25" } }],
    });
    await setLimit(admin, c.customer.id, {
      scope: "spend",
      amount: "1.00",
      mode: "hard_cap",
      thresholds: [50, 100],
    });
    const events = Array.from({ length: 3 }, () => ({
      id: randomUUID(),
      customer: c.customer.externalId,
      type: images.eventType,
      properties: {},
    }));
    expect((await callRoute(postEventsRoute, { key: c.key.secret, body: { events } })).status).toBe(202);
    const other = await customerWithKey("dash");
    signInAs(await memberOf(c.customer.id));
    const res = await dashboard();
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      spendThisPeriod: { amountMinor: 75, formatted: "$0.75" },
      // $20.00 base fee + $0.75 usage; credits paid the usage.
      upcoming: { total: { amountMinor: 2075 }, amountDue: { amountMinor: 2000 } },
      // 75 burned in the last 7 days: $9.25 lasts 9.25 / (0.75 / 7) = 86 days.
      credits: { balance: { amountMinor: 925 }, burnedLast7Days: { amountMinor: 75 }, runwayDays: 86 },
      limits: [
        { scope: "spend", value: "75", limits: [{ setBy: "admin", mode: "hard_cap", amount: "100" }] },
      ],
      activeAlerts: [{ kind: "threshold", threshold: 50 }],
      lastInvoice: null,
      // Usage began today: no projection before 3 days of history.
      forecast: { enoughHistory: false, projected: null, soFar: { total: { amountMinor: 2075 } } },
    });
    signInAs(await memberOf(other.customer.id));
    expect((await dashboard()).json).toMatchObject({
      spendThisPeriod: { amountMinor: 0 },
      limits: [],
      activeAlerts: [],
      credits: { runwayDays: null },
    });
    signInAs(admin);
    expect((await dashboard()).status).toBe(404);
    signInAs(null);
    expect((await dashboard()).status).toBe(401);
  });
  it("shows the last finalized invoice (not a draft) and the auto-recharge threshold", async () => {
    const c = await customerWithKey("dash");
    await grant(c.customer.id, 500n);
    await prisma.creditAutoRecharge.create({
      data: { customerId: c.customer.id, enabled: true, thresholdMinor: 300n },
    });
    const t = tag();
    const invoice = (month: number, data: { status: "OPEN" | "DRAFT"; number: string | null }) =>
      prisma.invoice.create({
        data: {
          lines: {
            create: {
              position: 0,
              kind: "BASE_FEE",
              description: "Base fee",
              fromAt: new Date(Date.UTC(2026, month, 1)),
              toAt: new Date(Date.UTC(2026, month + 1, 1)),
              amountExact: `12.${34 + month}`,
              amountMinor: 1234n + BigInt(month),
            },
          },
          customerId: c.customer.id,
          currency: "USD",
          periodStart: new Date(Date.UTC(2026, month, 1)),
          periodEnd: new Date(Date.UTC(2026, month + 1, 1)),
          totalMinor: 1234n + BigInt(month),
          amountDueMinor: 1234n + BigInt(month),
          finalizeAfter: new Date(Date.UTC(2026, month + 1, 2)),
          dueAt: data.number ? new Date(Date.UTC(2026, month + 1, 15)) : null,
          ...data,
        },
      });
    await invoice(8, { status: "OPEN", number: `D-${t}-1` });
    await invoice(9, { status: "OPEN", number: `D-${t}-2` });
    await invoice(10, { status: "DRAFT", number: null });
    signInAs(await memberOf(c.customer.id));
    expect((await dashboard()).json).toMatchObject({
      credits: { balance: { amountMinor: 500 }, autoRechargeThreshold: { amountMinor: 300 } },
      lastInvoice: {
        number: `D-${t}-2`,
        status: "open",
        total: { amountMinor: 1243 },
        amountDue: { amountMinor: 1243 },
        dueAt: "2026-11-15T00:00:00.000Z",
      },
    });
  });
});
