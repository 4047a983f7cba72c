import { beforeAll, describe, expect, it, vi } from "vitest";
import { GET as forecastRoute } from "@/app/api/v1/customers/[externalId]/forecast/route";
import { previewUpcomingInvoice } from "@/lib/billing/preview-upcoming-invoice";
import { pool } from "@/lib/db/client";
import { forecastForCustomer } from "@/lib/forecast/forecast-for-customer";
import { MoneyDecimal } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { createTestApiKey, upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey, send, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Route = Parameters<typeof callRoute>[0];
type Customer = Awaited<ReturnType<typeof customerWithKey>>;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PER_UNIT = { kind: "per_unit" as const, unitPrice: "0.001" };
const forecast = (key: string | null, externalId: string) =>
  callRoute(forecastRoute as Route, { key, params: { externalId }, url: "http://localhost/api/v1/test" });

/** Hourly rollups written directly, as ingest would have: `units` in each hour of [from, to). */
async function rollups(customerId: string, meterId: string, from: Date, to: Date, units: number) {
  await pool().query(
    `INSERT INTO usage_rollups (customer_id, meter_id, bucket, dimensions, sum, count)
     SELECT $1::uuid, $2::uuid, g, '', $5::numeric, 1 FROM generate_series($3::timestamptz, $4::timestamptz - interval '1 hour', interval '1 hour') g
     ON CONFLICT (customer_id, meter_id, bucket, dimensions) DO UPDATE SET sum = EXCLUDED.sum`,
    [customerId, meterId, from, to, units],
  );
}

describe("GET /api/v1/customers/{externalId}/forecast", () => {
  let acme: Customer;
  let rival: Customer;
  let fresh: Customer;
  let lone: Customer;
  let spikeHour: Date;
  let admin: Awaited<ReturnType<typeof adminUser>>;
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    const type = `calls_${t}`;
    const calls = await upsertMeter({
      key: `calls_${t}`,
      name: "API calls",
      eventType: type,
      aggregation: "SUM",
      valueProperty: "n",
      unit: "calls",
    });
    [acme, rival, fresh, lone] = await Promise.all([
      customerWithKey("fc-acme"),
      customerWithKey("fc-rival"),
      customerWithKey("fc-fresh"),
      customerWithKey("fc-lone"),
    ]);
    for (const c of [acme, rival, fresh]) {
      await subscribe(admin, c.customer.id, {
        baseFeeMinor: 1000,
        prices: [{ meterId: calls.id, model: PER_UNIT }],
      });
    }
    // 16 days of 1,000 calls an hour up to the last hour, with one hour at 50,000 five hours ago.
    const hour = Math.floor(Date.now() / HOUR) * HOUR;
    await rollups(acme.customer.id, calls.id, new Date(hour - 16 * DAY), new Date(hour), 1000);
    spikeHour = new Date(hour - 5 * HOUR);
    await rollups(acme.customer.id, calls.id, spikeHour, new Date(spikeHour.getTime() + HOUR), 50_000);
    // The fresh customer has used the meter for 2 days only.
    await rollups(fresh.customer.id, calls.id, new Date(hour - 2 * DAY), new Date(hour), 1000);
    await send(acme.key.secret, acme.customer.externalId, type, [
      { at: new Date(Date.now() + 1000), props: { n: 10 } },
    ]);
  });

  it("answers the period so far, the projection priced with the plan, and the spike", async () => {
    const res = await forecast(acme.key.secret, acme.customer.externalId);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const body = res.json;
    expect(body.customer).toBe(acme.customer.externalId);
    expect(body.enoughHistory).toBe(true);
    // So far: the $10.00 base fee and 10 calls at $0.001 (rounds to $0.01).
    expect(body.soFar).toMatchObject({
      total: { amountMinor: 1001, formatted: "$10.01" },
      usage: { amountMinor: 1 },
    });
    const upcoming = await previewUpcomingInvoice(admin, acme.customer.id);
    expect(upcoming?.total.amountMinor).toBe(body.soFar.total.amountMinor);
    expect(upcoming?.period).toEqual(body.period);
    // Every whole day had 24,000 calls (the spike's day too, at the median): 24,000 a day to the period's end.
    const left = new MoneyDecimal(
      new Date(body.period.end).getTime() - new Date(body.asOf).getTime(),
    ).dividedBy(DAY);
    const units = new MoneyDecimal(10).plus(left.times(24_000).toDecimalPlaces(6));
    const usageMinor = toMinorUnits(priceQuantity(PER_UNIT, units).amount, "USD");
    const [meter] = body.meters;
    expect(meter.method).toBe("recent_rate");
    expect(meter.soFar).toMatchObject({ units: "10", amount: { amountMinor: 1 } });
    expect(meter.projected.units.mid).toBe(units.toFixed());
    expect(meter.projected.amount.mid.amountMinor).toBe(Number(usageMinor));
    expect(body.projected.total.mid.amountMinor).toBe(1000 + Number(usageMinor));
    expect(body.projected.total.low.amountMinor).toBeLessThanOrEqual(body.projected.total.mid.amountMinor);
    expect(body.projected.total.high.amountMinor).toBeGreaterThanOrEqual(
      body.projected.total.mid.amountMinor,
    );
    expect(usageMinor).toBeGreaterThan((24_000n * 28n) / 10n);
    // The spike: 49,000 calls over the usual 1,000 cost $49.00; no other hour is flagged.
    expect(body.spikes).toEqual([
      expect.objectContaining({
        hour: spikeHour.toISOString(),
        units: "50000",
        baseline: "1000",
        cost: expect.objectContaining({ amountMinor: 4900 }),
      }),
    ]);
  });

  it("says there is not enough history yet before 3 days, with the period so far", async () => {
    const res = await forecast(fresh.key.secret, fresh.customer.externalId);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      enoughHistory: false,
      projected: null,
      soFar: { total: { amountMinor: 1000 } },
      spikes: [],
    });
    expect(res.json.meters[0].projected).toBeNull();
  });

  it("refuses a key limited to another customer (403), no key (401), an unknown customer or no plan (404)", async () => {
    expect((await forecast(rival.key.secret, acme.customer.externalId)).status).toBe(403);
    expect((await forecast(null, acme.customer.externalId)).status).toBe(401);
    const unscoped = await createTestApiKey({ name: `fc unscoped ${tag()}`, customerId: null });
    expect((await forecast(unscoped.secret, `nobody-${tag()}`)).status).toBe(404);
    expect((await forecast(lone.key.secret, lone.customer.externalId)).status).toBe(404);
    expect((await forecast(unscoped.secret, acme.customer.externalId)).status).toBe(200);
  });

  it("is the lib function the dashboard will call: a key limited to another customer is refused there too", async () => {
    const key = { kind: "apiKey" as const, apiKeyId: "k", customerId: rival.customer.id, scope: "FULL" as const };
    await expect(forecastForCustomer(key, acme.customer.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
