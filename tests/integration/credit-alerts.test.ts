import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as postEventsRoute } from "@/app/api/v1/events/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { setLowBalanceAlert } from "@/lib/ledger/set-low-balance-alert";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { grant, outcome } from "../support/credit-fixtures";
import { subscribe } from "../support/plan-fixtures";
import { adminUser, customerWithKey, memberOf, tag } from "../support/usage-fixtures";

describe("credit alerts", () => {
  let admin: CurrentUser;
  let images: { id: string; eventType: string };
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    images = await upsertMeter({
      key: `cra_${t}`,
      name: "Images",
      eventType: `cra_${t}`,
      aggregation: "COUNT",
      valueProperty: null,
      unit: "images",
    });
  });

  it("says credits.balance_low once when the balance crosses the customer's amount, and credits.depleted at zero; again after a top-up", async () => {
    const c = await customerWithKey("cra");
    const member = await memberOf(c.customer.id);
    await grant(c.customer.id, 100n);
    await subscribe(admin, c.customer.id, {
      baseFeeMinor: 0,
      paymentTerms: "PREPAID",
      prices: [{ meterId: images.id, model: { kind: "per_unit", unitPrice: "0.25" } }],
    });
    expect(await setLowBalanceAlert(member, c.customer.id, "0.60")).toBe(60n);
    const use = (n: number) =>
      Promise.all(
        Array.from({ length: n }, () =>
          callRoute(postEventsRoute, {
            key: c.key.secret,
            body: {
              id: randomUUID(),
              customer: c.customer.externalId,
              type: images.eventType,
              properties: {},
            },
          }),
        ),
      );
    const kinds = async () =>
      (
        await prisma.notification.findMany({
          where: { customerId: c.customer.id, kind: { startsWith: "credits." } },
          orderBy: { id: "asc" },
        })
      ).map((n) => [n.kind, (n.payload as { balanceMinor: string }).balanceMinor]);
    // $1.00 -> $0.75: still above $0.60. Then two at once: one crosses to $0.50, the other burns on to $0.25.
    await use(1);
    expect(await kinds()).toEqual([]);
    await use(2);
    expect(await kinds()).toEqual([["credits.balance_low", "50"]]);
    await use(1);
    expect(await kinds()).toEqual([
      ["credits.balance_low", "50"],
      ["credits.depleted", "0"],
    ]);
    // A top-up and a burn under the amount again: one more of each crossing.
    await grant(c.customer.id, 75n);
    await use(3);
    expect((await kinds()).map((k) => k[0])).toEqual([
      "credits.balance_low",
      "credits.depleted",
      "credits.balance_low",
      "credits.depleted",
    ]);
  });

  it("refuses another customer's member, and bad amounts naming the field", async () => {
    const a = await customerWithKey("cra");
    const b = await customerWithKey("cra");
    const member = await memberOf(a.customer.id);
    expect(await outcome(() => setLowBalanceAlert(member, b.customer.id, "5"))).toBe(404);
    const bad = await setLowBalanceAlert(member, a.customer.id, "five").then(
      () => null,
      (e: unknown) => e as { problems?: { field: string }[] },
    );
    expect(bad?.problems?.[0]?.field).toBe("amount");
    expect(await setLowBalanceAlert(member, a.customer.id, "")).toBeNull();
  });
});
