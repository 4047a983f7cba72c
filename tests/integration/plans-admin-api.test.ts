import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as listPlansRoute, POST as createPlanRoute } from "@/app/api/admin/plans/route";
import { GET as getPlanRoute } from "@/app/api/admin/plans/[planId]/route";
import { POST as newVersionRoute } from "@/app/api/admin/plans/[planId]/versions/route";
import { DELETE as deleteVersionRoute, GET as getVersionRoute, PUT as putVersionRoute } from "@/app/api/admin/plan-versions/[versionId]/route";
import { POST as publishRoute } from "@/app/api/admin/plan-versions/[versionId]/publish/route";
import { POST as quoteRoute } from "@/app/api/admin/plan-versions/[versionId]/quote/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { updateDraftVersion } from "@/lib/plans/update-draft-version";
import { prisma } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { callRoute } from "../support/call-route";
import { terms } from "../support/plan-fixtures";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, memberOf, meter } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Route = Parameters<typeof callRoute>[0];
const call = (route: unknown, opts: Parameters<typeof callRoute>[1]) => callRoute(route as Route, opts);
const graduated = { kind: "graduated", includedUnits: "1000", tiers: [{ upTo: "10000", unitPrice: "0.001" }, { upTo: null, unitPrice: "0.0005", flatFee: "2" }] };

describe("admin plans API", () => {
  let admin: CurrentUser;
  let meterId: string;
  beforeAll(async () => {
    admin = await adminUser();
    meterId = (await meter("SUM")).id;
  });
  beforeEach(() => signInAs(admin));

  async function newDraft(name = "Pro") {
    const res = await call(createPlanRoute, { method: "POST", body: { name, description: "For teams", currency: "USD" } });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json as { planId: string; draftVersionId: string };
  }

  it("creates a plan, fills its draft with a graduated price, publishes it, and lists it", async () => {
    const { planId, draftVersionId } = await newDraft();
    const put = await call(putVersionRoute, { method: "PUT", params: { versionId: draftVersionId }, body: terms({ baseFeeMinor: 4900, prices: [{ meterId, model: graduated as never }] }) });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json).toMatchObject({ status: "DRAFT", baseFeeMinor: 4900, prices: [{ meterId, model: graduated }] });
    expect(put.json.prices[0].description.tiers).toEqual(["First 10,000: $1.00 per 1K units", "Above 10,000: $0.50 per 1K units + $2.00 flat fee"]);
    const pub = await call(publishRoute, { method: "POST", params: { versionId: draftVersionId } });
    expect(pub.status).toBe(200);
    expect(pub.json.status).toBe("PUBLISHED");
    const plan = await call(getPlanRoute, { params: { planId } });
    expect(plan.json.versions.map((v: any) => [v.number, v.status, v.subscribers])).toEqual([[1, "PUBLISHED", 0]]);
    const list = await call(listPlansRoute, {});
    expect(list.json.plans).toEqual(expect.arrayContaining([expect.objectContaining({ id: planId, name: "Pro" })]));
    expect(await prisma.auditLog.count({ where: { target: draftVersionId, action: { in: ["plan_version.updated", "plan_version.published"] } } })).toBe(2);
  });

  it("refuses every edit of a published version, in the API (409) and in lib, and leaves it unchanged", async () => {
    const { draftVersionId: id } = await newDraft();
    await call(putVersionRoute, { method: "PUT", params: { versionId: id }, body: terms({ baseFeeMinor: 1000, prices: [{ meterId, model: graduated as never }] }) });
    await call(publishRoute, { method: "POST", params: { versionId: id } });
    const before = await call(getVersionRoute, { params: { versionId: id } });

    const put = await call(putVersionRoute, { method: "PUT", params: { versionId: id }, body: terms({ baseFeeMinor: 1 }) });
    expect(put.status).toBe(409);
    expect(put.json.error.message).toContain("published versions are immutable; create a new version");
    expect((await call(publishRoute, { method: "POST", params: { versionId: id } })).status).toBe(409);
    expect((await call(deleteVersionRoute, { method: "DELETE", params: { versionId: id } })).status).toBe(409);
    const direct = await updateDraftVersion(admin, id, terms()).catch((e) => e);
    expect(isAppError(direct) && direct.status).toBe(409);

    const after = await call(getVersionRoute, { params: { versionId: id } });
    expect(after.json).toEqual(before.json);
  });

  it("starts version 2 as a copy of version 1, one draft at a time", async () => {
    const { planId, draftVersionId } = await newDraft();
    await call(putVersionRoute, { method: "PUT", params: { versionId: draftVersionId }, body: terms({ trialDays: 7, prices: [{ meterId, model: graduated as never }] }) });
    expect((await call(newVersionRoute, { method: "POST", params: { planId }, body: {} })).status).toBe(409); // v1 is still a draft
    await call(publishRoute, { method: "POST", params: { versionId: draftVersionId } });
    const v2 = await call(newVersionRoute, { method: "POST", params: { planId }, body: {} });
    expect(v2.status).toBe(201);
    expect(v2.json.number).toBe(2);
    const copy = await call(getVersionRoute, { params: { versionId: v2.json.versionId } });
    expect(copy.json).toMatchObject({ status: "DRAFT", trialDays: 7, prices: [{ meterId, model: graduated }] });
    expect((await call(deleteVersionRoute, { method: "DELETE", params: { versionId: v2.json.versionId } })).status).toBe(204);
  });

  it("answers bad content with 422 and field paths, writing nothing", async () => {
    const { draftVersionId: id } = await newDraft();
    const bad = await call(putVersionRoute, {
      method: "PUT",
      params: { versionId: id },
      body: terms({ currency: "XYZ", prices: [{ meterId: "00000000-0000-4000-8000-000000000000", model: { kind: "volume", tiers: [{ upTo: "5", unitPrice: "1" }, { upTo: null, unitPrice: "-1" }] } }] }),
    });
    expect(bad.status).toBe(422);
    expect(bad.json.error.problems.map((p: any) => p.field)).toEqual(expect.arrayContaining(["currency", "prices.0.model.tiers.1.unitPrice"]));
    const unknownMeter = await call(putVersionRoute, { method: "PUT", params: { versionId: id }, body: terms({ prices: [{ meterId: "00000000-0000-4000-8000-000000000000", model: { kind: "per_unit", unitPrice: "1" } }] }) });
    expect(unknownMeter.status).toBe(422);
    expect(unknownMeter.json.error.problems).toEqual([expect.objectContaining({ field: "prices.0.meterId", rule: "known_meter" })]);
    expect(await prisma.planPrice.count({ where: { planVersionId: id } })).toBe(0);
    expect((await call(getVersionRoute, { params: { versionId: "not-a-uuid" } })).status).toBe(404);
  });

  it("the price calculator prices each line with its tier breakdown, by the rating engine", async () => {
    const { draftVersionId: id } = await newDraft();
    await call(putVersionRoute, { method: "PUT", params: { versionId: id }, body: terms({ baseFeeMinor: 4900, minimumSpendMinor: 10000, prices: [{ meterId, model: graduated as never }] }) });
    const q = await call(quoteRoute, { method: "POST", params: { versionId: id }, body: { quantities: { [meterId]: "12000" } } });
    expect(q.status, JSON.stringify(q.json)).toBe(200);
    const [line] = q.json.lines;
    expect(line.breakdown.map((b: any) => [b.kind, b.fromUnits, b.toUnits, b.amount])).toEqual([
      ["included", "0", "1000", "0"],
      ["priced", "1000", "11000", "10"],
      ["priced", "11000", "12000", "2.5"],
    ]);
    expect(line.charge).toEqual({ amountMinor: 1250, currency: "USD", formatted: "$12.50" });
    expect(q.json.total).toEqual({ amountMinor: 10000, currency: "USD", formatted: "$100.00" }); // 49 + 12.50, topped up to the minimum
    expect(q.json.minimumTopUp.amountMinor).toBe(3850);
    const bad = await call(quoteRoute, { method: "POST", params: { versionId: id }, body: { quantities: { [meterId]: "-5" } } });
    expect(bad.status).toBe(422);
    // The calculator reads quantities with the plan editor's parser: grouped thousands are fine, "1,5" is ambiguous.
    const grouped = await call(quoteRoute, { method: "POST", params: { versionId: id }, body: { quantities: { [meterId]: "12,000" } } });
    expect([grouped.status, grouped.json.lines[0].charge.amountMinor]).toEqual([200, 1250]);
    const ambiguous = await call(quoteRoute, { method: "POST", params: { versionId: id }, body: { quantities: { [meterId]: "1,5" } } });
    expect(ambiguous.status).toBe(422);
    expect(ambiguous.json.error.problems[0]).toMatchObject({ field: `quantities.${meterId}`, message: expect.stringContaining("ambiguous") });
  });

  it("members and API keys get nothing of the catalog", async () => {
    const { draftVersionId: id, planId } = await newDraft();
    const { customer } = await customerWithKey();
    signInAs(await memberOf(customer.id));
    for (const res of [
      await call(listPlansRoute, {}),
      await call(getPlanRoute, { params: { planId } }),
      await call(getVersionRoute, { params: { versionId: id } }),
      await call(quoteRoute, { method: "POST", params: { versionId: id }, body: { quantities: {} } }),
      await call(putVersionRoute, { method: "PUT", params: { versionId: id }, body: terms() }),
      await call(createPlanRoute, { method: "POST", body: { name: "x" } }),
    ]) {
      expect(res.status).toBe(403);
    }
    signInAs(null);
    expect((await call(listPlansRoute, {})).status).toBe(401);
  });
});
