import { beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import AuditLogPage from "@/app/admin/audit/page";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";
import { parseAuditLogFilters } from "@/lib/audit/audit-log-filters";
import { listAuditLog } from "@/lib/audit/list-audit-log";
import type { CurrentUser } from "@/lib/auth/current-user";
import { changeInvoiceStatus } from "@/lib/billing/change-invoice-status";
import { issueManualCreditNote } from "@/lib/billing/credit-notes/issue-manual-credit-note";
import { adjustCredits } from "@/lib/ledger/adjust-credits";
import { removeLimit } from "@/lib/limits/remove-limit";
import { setLimit } from "@/lib/limits/set-limit";
import { voidEvents } from "@/lib/metering/voids/void-events";
import { createCustomer } from "@/lib/customers/create-customer";
import { inviteMember } from "@/lib/members/invite-member";
import { changeSubscription } from "@/lib/subscriptions/change-subscription";
import { publishedPlan } from "../support/plan-fixtures";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/set-webhook-endpoint-enabled";
import { signInAs } from "../support/session";
import { twoTenants, type Tenant } from "../support/tenancy-fixtures";
import { adminUser } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

/** The audited changes the brief lists, each made through lib as an admin, and the action it records. */
describe("the audit log", () => {
  let admin: CurrentUser;
  let other: CurrentUser;
  let A: Tenant;
  let B: Tenant;
  let started: Date;
  let endpointId: string;
  const done: Record<string, string | null> = {};

  beforeAll(async () => {
    const t = await twoTenants();
    ({ a: A, b: B } = t);
    other = t.admin;
    admin = await adminUser();
    started = new Date();
    const plan = await publishedPlan(admin, { baseFeeMinor: 5000 }, "Audit plan");
    await changeSubscription(admin, B.customer.id, { planVersionId: plan.versionId, timing: "now" });
    await voidEvents(admin, { customer: B.customer.externalId, eventId: B.eventId, reason: "audit test" });
    await adjustCredits(admin, B.customer.id, { amount: "-1.00", reason: "audit test" });
    await setLimit(admin, B.customer.id, { scope: "spend", amount: "50.00", mode: "hard_cap", thresholds: [80] });
    await removeLimit(admin, B.customer.id, "spend");
    const key = await createApiKey(admin, { name: "audit key", customerId: B.customer.id, scope: "READ" });
    await revokeApiKey(admin, key.id);
    await issueManualCreditNote(admin, B.customer.id, B.invoice.id, { amount: "1.00", reason: "audit test", settlement: "balance" });
    await changeInvoiceStatus(admin, B.customer.id, B.invoice.id, "void");
    const endpoint = await createWebhookEndpoint(admin, { url: "http://127.0.0.1:9/audit", eventTypes: ["invoice.finalized"] }, { allowPrivate: true });
    endpointId = endpoint.id;
    await setWebhookEndpointEnabled(admin, endpoint.id, false);
    const created = await createCustomer(admin, { name: `Audited ${B.eventId}`, externalId: `audited-${B.eventId}`, currency: "USD" });
    await inviteMember(admin, created.id, { email: `invitee-${B.eventId}@example.test`, name: "Invitee" });
    Object.assign(done, { keyId: key.id, newCustomerId: created.id });
  }, 180_000);

  const rowsOf = async (filters: Parameters<typeof listAuditLog>[1], pageSize = 200) => (await listAuditLog(admin, filters, pageSize)).rows;

  it("records who did each listed change, when, and for which customer", async () => {
    const rows = await rowsOf({ actorId: admin.userId });
    const actions = rows.map((r) => r.action);
    for (const action of [
      "subscription.changed",
      "usage.voided",
      "credits.adjusted",
      "limit.set",
      "limit.removed",
      "api_key.created",
      "api_key.revoked",
      "credit_note.issued",
      "invoice.voided",
      "webhook_endpoint.created",
      "webhook_endpoint.disabled",
      "plan.created",
      "plan_version.published",
      "customer.created",
      "member.invited",
    ])
      expect(actions, action).toContain(action);
    for (const r of rows) {
      expect(r.actor).toMatchObject({ kind: "user", id: admin.userId, name: admin.email });
      expect(r.createdAt.getTime()).toBeGreaterThanOrEqual(started.getTime() - 1000);
    }
    const customerOf = (action: string) => rows.find((r) => r.action === action)?.customer?.id;
    for (const action of ["subscription.changed", "usage.voided", "credits.adjusted", "limit.set", "api_key.created", "api_key.revoked", "credit_note.issued", "invoice.voided"])
      expect(customerOf(action), action).toBe(B.customer.id);
    expect(rows.find((r) => r.action === "api_key.revoked")?.target).toBe(done.keyId);
    expect(customerOf("customer.created")).toBe(done.newCustomerId);
    expect(customerOf("member.invited")).toBe(done.newCustomerId);
    expect(rows.find((r) => r.action === "invoice.voided")?.label).toBe("Invoice voided");
  });

  it("filters by customer, action (or group), actor, target and time range; newest first", async () => {
    const forB = await rowsOf({ customerId: B.customer.id });
    expect(forB.length).toBeGreaterThan(8);
    expect(forB.every((r) => r.customer?.id === B.customer.id)).toBe(true);
    expect((await rowsOf({ customerId: A.customer.id })).some((r) => r.customer?.id === B.customer.id)).toBe(false);
    const ids = forB.map((r) => BigInt(r.id));
    expect([...ids].sort((x, y) => (x < y ? 1 : x > y ? -1 : 0))).toEqual(ids);

    expect((await rowsOf({ actorId: admin.userId, action: "invoice.voided" })).map((r) => r.action)).toEqual(["invoice.voided"]);
    const group = await rowsOf({ actorId: admin.userId, action: "api_key." });
    expect(group.map((r) => r.action).sort()).toEqual(["api_key.created", "api_key.revoked"]);
    // The other admin set B's and A's limits while the fixtures were made; none of those are this admin's.
    const byOther = await rowsOf({ actorId: other.userId, customerId: B.customer.id });
    expect(byOther.map((r) => r.action)).toContain("limit.set");
    expect(byOther.every((r) => r.actor.id === other.userId)).toBe(true);
    expect((await rowsOf({ target: endpointId })).map((r) => r.action).sort()).toEqual(["webhook_endpoint.created", "webhook_endpoint.disabled"]);

    expect(await rowsOf({ actorId: admin.userId, to: started })).toEqual([]);
    expect((await rowsOf({ actorId: admin.userId, from: started })).length).toBe((await rowsOf({ actorId: admin.userId })).length);
  });

  it("pages with a keyset cursor: every row once, in order", async () => {
    const all = await rowsOf({ customerId: B.customer.id });
    const seen: string[] = [];
    let before: bigint | undefined;
    for (let i = 0; i < 50; i++) {
      const page = await listAuditLog(admin, { customerId: B.customer.id, before }, 3);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextBefore) break;
      before = BigInt(page.nextBefore);
    }
    expect(seen).toEqual(all.map((r) => r.id));
  });

  it("refuses bad filters with a 422 naming the field and the rule", () => {
    expect(() => parseAuditLogFilters({ customer: "acme" })).toThrow(expect.objectContaining({ status: 422, problems: [expect.objectContaining({ field: "customer" })] }));
    expect(() => parseAuditLogFilters({ from: "yesterday" })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ field: "from", rule: "custom" })] }));
    expect(() => parseAuditLogFilters({ before: "1; drop" })).toThrow(expect.objectContaining({ problems: [expect.objectContaining({ field: "before" })] }));
    expect(parseAuditLogFilters({ to: "2026-12-06", action: "invoice." })).toMatchObject({ to: new Date("2026-12-07T00:00:00Z"), action: "invoice." });
  });

  it("the page shows admins the rows, filtered, and members nothing", async () => {
    signInAs(admin);
    const html = renderToStaticMarkup(await AuditLogPage({ searchParams: Promise.resolve({ customer: B.customer.id, action: "invoice." }) }));
    expect(html).toContain("Audit log");
    expect(html).toContain('data-action="invoice.voided"');
    expect(html).toContain(B.customer.name);
    expect(html).not.toContain('data-action="credits.adjusted"');
    // The test session lets a member past the page's requireAdmin: lib's own check refuses.
    signInAs(A.member);
    await expect(AuditLogPage({ searchParams: Promise.resolve({}) })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditLog(A.member, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
    signInAs(null);
  });
});
