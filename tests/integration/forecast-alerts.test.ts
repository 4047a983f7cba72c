import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { loadCustomerForecast } from "@/lib/forecast/forecast-for-customer";
import { chartData } from "@/components/usage/usage-view";
import { limitsOverview } from "@/lib/limits/limits-overview";
import { queryUsage } from "@/lib/metering/queries/query-usage";
import { runForecastAlerts } from "@/lib/forecast/run-forecast-alerts";
import { setLimit } from "@/lib/limits/set-limit";
import { upsertMeter } from "@/lib/seed/factories";
import { publishedPlan } from "../support/plan-fixtures";
import { adminUser, customerWithKey, memberOf, send, tag } from "../support/usage-fixtures";

const DAY = 86_400_000;

describe("forecast and spike alerts", () => {
  let admin: CurrentUser;
  let images: { id: string; key: string; eventType: string };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    images = await upsertMeter({
      key: `fa_${t}`,
      name: "Images",
      eventType: `fa_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "images",
    });
  });

  it("alerts once when the period is projected to pass a threshold, and once per usage spike", async () => {
    const now = new Date();
    const c = await customerWithKey("fa");
    // On a plan for 20 days (the period runs 10 more): 4 images ($1.00) a day, then 40 in one hour 3 hours ago.
    const plan = await publishedPlan(admin, {
      baseFeeMinor: 0,
      prices: [{ meterId: images.id, model: { kind: "per_unit", unitPrice: "0.25" } }],
    });
    const start = new Date(now.getTime() - 20 * DAY);
    await prisma.subscription.create({
      data: {
        customerId: c.customer.id,
        planVersionId: plan.versionId,
        status: "ACTIVE",
        anchorAt: start,
        startedAt: start,
      },
    });
    // Spread over the day (one image every 6 hours, $0.25 each: under the $1 a spike must cost).
    const daily = Array.from({ length: 19 * 4 }, (_, i) => ({
      id: randomUUID(),
      at: new Date(now.getTime() - DAY - i * 6 * 3_600_000),
    }));
    await send(c.key.secret, c.customer.externalId, images.eventType, daily);
    const burst = Array.from({ length: 40 }, () => ({
      id: randomUUID(),
      at: new Date(now.getTime() - 3 * 3_600_000),
    }));
    await send(c.key.secret, c.customer.externalId, images.eventType, burst);

    const forecast = (await loadCustomerForecast(c.customer.id, now))!;
    expect(forecast.enoughHistory).toBe(true);
    const soFar = forecast.soFar.usage.amountMinor;
    const projected = forecast.projected!.total.mid.amountMinor;
    expect(soFar).toBe((19 * 4 + 40) * 25);
    expect(projected).toBeGreaterThan(soFar);
    // A limit whose 80% the period has not reached but will, at this rate.
    const limit = Math.floor((projected * 100) / 80);
    expect(soFar * 100).toBeLessThan(80 * limit);
    await setLimit(admin, c.customer.id, {
      scope: "spend",
      amount: (limit / 100).toFixed(2),
      mode: "alert",
      thresholds: [80, 500],
    });

    const runs = await Promise.all([
      runForecastAlerts(now, { customerIds: [c.customer.id] }),
      runForecastAlerts(now, { customerIds: [c.customer.id] }),
    ]);
    expect(runs.reduce((a, b) => a + b, 0)).toBe(2);
    expect(await runForecastAlerts(now, { customerIds: [c.customer.id] })).toBe(0);
    // The sweep's own call (every customer with recent usage): nothing that recent in the year 2100.
    expect(await runForecastAlerts(new Date("2100-01-01T00:00:00Z"))).toBe(0);
    const alerts = await prisma.limitAlert.findMany({
      where: { customerId: c.customer.id },
      orderBy: { kind: "asc" },
    });
    expect(alerts.map((a) => [a.kind, a.threshold])).toEqual([
      ["forecast", 80],
      ["spike", 0],
    ]);
    expect(alerts[1].limitId).toBe(images.id);
    const notes = await prisma.notification.findMany({
      where: { customerId: c.customer.id, kind: { in: ["alert.triggered", "usage.spike_detected"] } },
      orderBy: { kind: "asc" },
    });
    expect(
      notes.map((n) => [
        n.kind,
        (n.payload as { kind?: string; meter?: string }).kind ?? (n.payload as { meter?: string }).meter,
      ]),
    ).toEqual([
      ["alert.triggered", "forecast"],
      ["usage.spike_detected", images.key],
    ]);
    // The member sees both in the history; the forecast one is active, the spike is an event.
    const overview = await limitsOverview(await memberOf(c.customer.id), c.customer.id, now);
    expect(overview.history.map((a) => a.kind).sort()).toEqual(["forecast", "spike"]);
    expect(overview.activeAlerts.map((a) => a.kind)).toEqual(["forecast"]);
    // The usage chart marks the spike's hour (and only it).
    const member = await memberOf(c.customer.id);
    const hourly = await queryUsage(member, {
      customerId: c.customer.id,
      meterKey: images.key,
      from: new Date(now.getTime() - DAY),
      to: now,
      granularity: "hour",
      groupBy: null,
    });
    expect(hourly.spikes).toEqual([alerts[1].periodStart.toISOString()]);
    const { markers, points } = chartData(hourly);
    expect(markers).toHaveLength(1);
    expect(points.find((p) => p.label === markers[0].label)?.values).toEqual([40]);

    // A limit raised far above the projection: the forecast no longer holds, and the sweep resolves it once.
    await setLimit(admin, c.customer.id, {
      scope: "spend",
      amount: ((limit * 10) / 100).toFixed(2),
      mode: "alert",
      thresholds: [80, 500],
    });
    expect(await runForecastAlerts(now, { customerIds: [c.customer.id] })).toBe(0);
    await runForecastAlerts(now, { customerIds: [c.customer.id] });
    const forecastAlert = await prisma.limitAlert.findFirstOrThrow({
      where: { customerId: c.customer.id, kind: "forecast" },
    });
    expect(forecastAlert.resolvedAt).not.toBeNull();
    const resolved = await prisma.notification.findMany({
      where: { customerId: c.customer.id, kind: "alert.resolved" },
    });
    expect(resolved.map((n) => (n.payload as { kind: string }).kind)).toEqual(["forecast"]);
  });
});
