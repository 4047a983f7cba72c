import { beforeAll, describe, expect, it, vi } from "vitest";
import { POST as voidRoute } from "@/app/api/admin/event-voids/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import type { PriceModel } from "@/lib/rating/price-model";
import { upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { subscribe } from "../support/plan-fixtures";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, send, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

const perToken: PriceModel = { kind: "per_unit", unitPrice: "0.002" };

describe("voiding usage re-rates the period's running charge", () => {
  let admin: CurrentUser;
  beforeAll(async () => {
    admin = await adminUser();
  });

  it("the charge follows the events that remain", async () => {
    const t = tag();
    const meter = await upsertMeter({ key: `tok_${t}`, eventType: `tok_${t}`, aggregation: "SUM", valueProperty: "tokens" });
    const { customer, key } = await customerWithKey("voided-charge");
    await subscribe(admin, customer.id, { prices: [{ meterId: meter.id, model: perToken }] });
    const at = new Date(Date.now() + 2000); // after the subscription starts
    await send(key.secret, customer.externalId, meter.eventType, [
      { id: "keep", at, props: { tokens: 1000 } },
      { id: "drop", at, props: { tokens: 500 } },
    ]);
    const charge = () => prisma.periodMeterCharge.findFirstOrThrow({ where: { customerId: customer.id, meterId: meter.id } });
    expect((await charge()).amount.toString()).toBe("3");

    signInAs(admin);
    const res = await callRoute(voidRoute, { method: "POST", body: { customer: customer.externalId, eventId: "drop", reason: "test traffic" } });
    expect(res.status).toBe(200);
    const after = await charge();
    expect(after.quantity.toString()).toBe("1000");
    expect(after.amount.toString()).toBe("2");
  });
});
