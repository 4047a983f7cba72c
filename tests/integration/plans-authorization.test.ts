import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createDraftVersion } from "@/lib/plans/create-draft-version";
import { createPlan } from "@/lib/plans/create-plan";
import { deleteDraftVersion } from "@/lib/plans/delete-draft-version";
import { getPlan } from "@/lib/plans/get-plan";
import { getPlanVersion } from "@/lib/plans/get-plan-version";
import { listPlans } from "@/lib/plans/list-plans";
import { listPriceableMeters } from "@/lib/plans/list-priceable-meters";
import { listPublishedVersions } from "@/lib/plans/list-published-versions";
import { publishPlanVersion } from "@/lib/plans/publish-plan-version";
import { quotePlanVersion } from "@/lib/plans/quote-plan-version";
import { updateDraftVersion } from "@/lib/plans/update-draft-version";
import { isAppError } from "@/lib/errors/app-error";
import { loadUsageSummary } from "@/lib/period-charges/load-usage-summary";
import { createTestApiKey } from "@/lib/seed/factories";
import { assignSubscription } from "@/lib/subscriptions/assign-subscription";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import { changeSubscription } from "@/lib/subscriptions/change-subscription";
import { getCustomerSubscriptions } from "@/lib/subscriptions/get-customer-subscriptions";
import { subscribe, terms } from "../support/plan-fixtures";
import { adminUser, customerWithKey, memberOf } from "../support/usage-fixtures";

/** The status a call is refused with, or "allowed". */
async function outcome(call: () => Promise<unknown>): Promise<number | "allowed"> {
  try {
    await call();
    return "allowed";
  } catch (e) {
    if (isAppError(e)) return e.status;
    throw e;
  }
}

describe("every plans, subscriptions and charges function checks who is asking", () => {
  let admin: CurrentUser;
  let member: CurrentUser;
  let apiKey: Actor;
  let ids: { planId: string; versionId: string; draftId: string; own: string; other: string };
  beforeAll(async () => {
    admin = await adminUser();
    const own = await customerWithKey("own");
    const other = await customerWithKey("other");
    const { planId, versionId } = await subscribe(admin, other.customer.id, { baseFeeMinor: 100 });
    const draft = await createDraftVersion(admin, planId);
    member = await memberOf(own.customer.id);
    const key = await createTestApiKey({ customerId: own.customer.id });
    apiKey = { kind: "apiKey", apiKeyId: key.id, customerId: own.customer.id, scope: "FULL" };
    ids = { planId, versionId, draftId: draft.versionId, own: own.customer.id, other: other.customer.id };
  });

  const adminOnly: [string, (a: Actor) => Promise<unknown>][] = [
    ["listPlans", (a) => listPlans(a)],
    ["getPlan", (a) => getPlan(a, ids.planId)],
    ["getPlanVersion", (a) => getPlanVersion(a, ids.versionId)],
    ["quotePlanVersion", (a) => quotePlanVersion(a, ids.versionId, { quantities: {} })],
    ["listPriceableMeters", (a) => listPriceableMeters(a)],
    ["listPublishedVersions", (a) => listPublishedVersions(a, "USD")],
    ["createPlan", (a) => createPlan(a, { name: "sneaky" })],
    ["updateDraftVersion", (a) => updateDraftVersion(a, ids.draftId, terms())],
    ["publishPlanVersion", (a) => publishPlanVersion(a, ids.draftId)],
    ["createDraftVersion", (a) => createDraftVersion(a, ids.planId)],
    ["deleteDraftVersion", (a) => deleteDraftVersion(a, ids.draftId)],
    ["getCustomerSubscriptions", (a) => getCustomerSubscriptions(a, ids.own)],
    ["assignSubscription", (a) => assignSubscription(a, ids.own, { planVersionId: ids.versionId })],
    ["changeSubscription", (a) => changeSubscription(a, ids.other, { planVersionId: ids.versionId, timing: "period_end" })],
    ["cancelSubscription", (a) => cancelSubscription(a, ids.other)],
  ];

  it.each(adminOnly)("%s refuses members and API keys (403)", async (_name, call) => {
    expect(await outcome(() => call(member))).toBe(403);
    expect(await outcome(() => call(apiKey))).toBe(403);
  });

  it("a member and a limited key read their own customer's charges, never another's", async () => {
    expect(await outcome(() => loadUsageSummary(member, ids.own))).toBe("allowed");
    expect(await outcome(() => loadUsageSummary(member, ids.other))).toBe(404);
    expect(await outcome(() => loadUsageSummary(apiKey, ids.own))).toBe("allowed");
    expect(await outcome(() => loadUsageSummary(apiKey, ids.other))).toBe(403);
    expect(await outcome(() => loadUsageSummary(admin, ids.other))).toBe("allowed");
  });
});
