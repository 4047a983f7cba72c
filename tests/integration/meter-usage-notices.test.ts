import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { reportMeterUsage } from "@/lib/metering/notices/report-meter-usage";
import { upsertMeter } from "@/lib/seed/factories";
import { subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey, send, tag } from "../support/usage-fixtures";

describe("customer.meter_usage_updated", () => {
  let admin: CurrentUser;
  let tokens: { id: string; key: string; eventType: string };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    tokens = await upsertMeter({
      key: `mun_${t}`,
      name: "Tokens",
      eventType: `mun_${t}`,
      aggregation: "SUM",
      valueProperty: "tokens",
      unit: "tokens",
    });
  });

  it("reports a meter's period totals at most once a minute, once across concurrent sweeps, and only after it changed", async () => {
    const c = await customerWithKey("mun");
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: 0,
      prices: [{ meterId: tokens.id, model: { kind: "per_unit", unitPrice: "0.001" } }],
    });
    const reports = async () =>
      (
        await prisma.notification.findMany({
          where: { customerId: c.customer.id, kind: "customer.meter_usage_updated" },
          orderBy: { id: "asc" },
        })
      ).map((n) => n.payload as { meter: string; quantity: string; chargeMinor: string });
    await send(c.key.secret, c.customer.externalId, tokens.eventType, [
      { at: new Date(), props: { tokens: 1500 } },
    ]);
    const t0 = new Date(Date.now() + 1000);
    await Promise.all([reportMeterUsage(t0), reportMeterUsage(t0), reportMeterUsage(t0)]);
    expect(await reports()).toEqual([
      expect.objectContaining({ meter: tokens.key, quantity: "1500", chargeMinor: "150" }),
    ]);
    await send(c.key.secret, c.customer.externalId, tokens.eventType, [
      { at: new Date(), props: { tokens: 500 } },
    ]);
    await reportMeterUsage(new Date(t0.getTime() + 30_000));
    expect(await reports()).toHaveLength(1);
    await reportMeterUsage(new Date(t0.getTime() + 61_000));
    expect((await reports()).map((r) => r.quantity)).toEqual(["1500", "2000"]);
    // Nothing changed since: nothing more, however long it waits.
    await reportMeterUsage(new Date(t0.getTime() + 3_600_000));
    expect(await reports()).toHaveLength(2);
  });
});
