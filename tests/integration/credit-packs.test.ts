import { beforeAll, describe, expect, it } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { createCreditPack } from "@/lib/credit-packs/create-credit-pack";
import { listCreditPacks, listPacksForCustomer } from "@/lib/credit-packs/list-credit-packs";
import { packInputFromForm } from "@/lib/credit-packs/pack-form-input";
import { updateCreditPack } from "@/lib/credit-packs/update-credit-pack";
import { upsertCustomer } from "@/lib/seed/factories";
import { outcome, refusalOf } from "../support/credit-fixtures";
import { adminUser, customerWithKey, memberOf, tag } from "../support/usage-fixtures";

let admin: CurrentUser;
beforeAll(async () => {
  admin = await adminUser();
});

describe("credit packs", () => {
  it("an admin creates, edits and deactivates packs; customers see the active ones in their currency", async () => {
    const name = `Starter ${tag()}`;
    const pack = await createCreditPack(admin, {
      name,
      currency: "EUR",
      priceMinor: 4900,
      creditsMinor: "5000",
      bonusCreditsMinor: 500,
    });
    expect([pack.price.formatted, pack.totalCredits.formatted, pack.active]).toEqual([
      "€49.00",
      "€55.00",
      true,
    ]);
    expect((await listCreditPacks(admin)).map((p) => p.id)).toContain(pack.id);
    const euro = await upsertCustomer({ externalId: `eu-${tag()}`, currency: "EUR" });
    const { customer: dollars } = await customerWithKey("packs");
    const member = await memberOf(euro.id);
    expect((await listPacksForCustomer(member, euro.id)).map((p) => p.id)).toContain(pack.id);
    expect((await listPacksForCustomer(admin, dollars.id)).map((p) => p.id)).not.toContain(pack.id);
    const edited = await updateCreditPack(admin, pack.id, {
      name,
      currency: "EUR",
      priceMinor: 3900,
      creditsMinor: 5000,
      active: false,
    });
    expect([edited.price.amountMinor, edited.bonusCredits.amountMinor, edited.active]).toEqual([
      3900,
      0,
      false,
    ]);
    expect((await listPacksForCustomer(member, euro.id)).map((p) => p.id)).not.toContain(pack.id);
    expect(
      await prisma.auditLog.count({ where: { target: pack.id, action: { startsWith: "credit_pack." } } }),
    ).toBe(2);
  });

  it("refuses bad input with field problems, a currency change, and members", async () => {
    const bad = await refusalOf(
      createCreditPack(admin, { name: "", currency: "XXX", priceMinor: 0, creditsMinor: 1.5 }),
    );
    expect(bad.status).toBe(422);
    expect(bad.problems.map((p: { field: string }) => p.field).sort()).toEqual([
      "creditsMinor",
      "currency",
      "name",
      "priceMinor",
    ]);
    const pack = await createCreditPack(admin, {
      name: "Fixed",
      currency: "USD",
      priceMinor: 100,
      creditsMinor: 100,
    });
    const moved = await updateCreditPack(admin, pack.id, {
      name: "Fixed",
      currency: "GBP",
      priceMinor: 100,
      creditsMinor: 100,
    }).catch((e) => e);
    expect([moved.status, moved.problems[0].field]).toEqual([422, "currency"]);
    const { customer } = await customerWithKey("packs");
    const member = await memberOf(customer.id);
    expect(
      await outcome(() =>
        createCreditPack(member, { name: "x", currency: "USD", priceMinor: 1, creditsMinor: 1 }),
      ),
    ).toBe(403);
    expect(
      await outcome(() =>
        updateCreditPack(member, pack.id, { name: "x", currency: "USD", priceMinor: 1, creditsMinor: 1 }),
      ),
    ).toBe(403);
    expect(await outcome(() => listCreditPacks(member))).toBe(403);
    const stranger = await memberOf((await customerWithKey("packs")).customer.id);
    expect(await outcome(() => listPacksForCustomer(stranger, customer.id))).toBe(404);
    expect(
      await outcome(() =>
        updateCreditPack(admin, "nope", { name: "x", currency: "USD", priceMinor: 1, creditsMinor: 1 }),
      ),
    ).toBe(404);
  });

  it("reads the admin form's major-unit amounts exactly", () => {
    const form = new FormData();
    for (const [k, v] of Object.entries({
      name: "Pro",
      currency: "usd",
      price: "49.99",
      credits: "60",
      bonusCredits: "",
      active: "on",
    }))
      form.set(k, v);
    expect(packInputFromForm(form)).toEqual({
      ok: true,
      input: {
        name: "Pro",
        currency: "USD",
        active: true,
        priceMinor: "4999",
        creditsMinor: "6000",
        bonusCreditsMinor: "0",
      },
    });
    form.set("price", "4.999");
    const r = packInputFromForm(form);
    expect(r.ok ? [] : r.problems.map((p) => p.field)).toEqual(["priceMinor"]);
  });
});
