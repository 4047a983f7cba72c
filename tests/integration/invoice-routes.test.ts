import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as listRoute } from "@/app/api/v1/customers/[externalId]/invoices/route";
import { GET as invoiceRoute } from "@/app/api/v1/customers/[externalId]/invoices/[number]/route";
import { GET as upcomingRoute } from "@/app/api/v1/customers/[externalId]/upcoming-invoice/route";
import { GET as portalListRoute } from "@/app/api/portal/invoices/route";
import { GET as portalInvoiceRoute } from "@/app/api/portal/invoices/[number]/route";
import { GET as portalUpcomingRoute } from "@/app/api/portal/invoices/upcoming/route";
import { GET as getProfileRoute, PUT as putProfileRoute } from "@/app/api/portal/billing-profile/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { previewUpcomingInvoice } from "@/lib/billing/preview-upcoming-invoice";
import { runBillingClose } from "@/lib/billing/run-billing-close";
import { createTestApiKey, upsertMeter } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { subscribe } from "../support/plan-fixtures";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, memberOf, send, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Route = Parameters<typeof callRoute>[0];
type Customer = Awaited<ReturnType<typeof customerWithKey>>;

const HOUR = 3_600_000;
const v1 = (route: unknown, key: string, params: Record<string, string>, query = "") =>
  callRoute(route as Route, { key, params, url: `http://localhost/api/v1/test${query}` });
const portal = (
  route: unknown,
  params: Record<string, string> = {},
  opts: { query?: string; method?: string; body?: unknown } = {},
) =>
  callRoute(route as Route, {
    params,
    url: `http://localhost/api/portal/test${opts.query ?? ""}`,
    method: opts.method,
    body: opts.body,
  });

/** Closes the customer's current period as the billing run would a day after it ends: a finalized invoice. */
async function closeCurrentPeriod(admin: CurrentUser, customerId: string): Promise<void> {
  const upcoming = await previewUpcomingInvoice(admin, customerId);
  const at = new Date(new Date(upcoming!.period.end).getTime() + 25 * HOUR);
  const summary = await runBillingClose({ at, customerId });
  expect(summary.finalized).toBe(1);
}

describe("invoice routes: public API and portal", () => {
  let admin: CurrentUser;
  let acme: Customer;
  let rival: Customer;
  let lone: Customer;
  let acmeNumber: string;
  let rivalNumber: string;
  beforeAll(async () => {
    admin = await adminUser();
    const t = tag();
    const type = `llm_${t}`;
    const tokens = await upsertMeter({
      key: `tokens_${t}`,
      name: "LLM tokens",
      eventType: type,
      aggregation: "SUM",
      valueProperty: "tokens",
      unit: "tokens",
    });
    [acme, rival, lone] = await Promise.all([
      customerWithKey("acme"),
      customerWithKey("rival"),
      customerWithKey("lone"),
    ]);
    const graduated = {
      kind: "graduated" as const,
      includedUnits: "1000",
      tiers: [
        { upTo: "10000", unitPrice: "0.001" },
        { upTo: null, unitPrice: "0.0005" },
      ],
    };
    await subscribe(admin, acme.customer.id, {
      baseFeeMinor: 4900,
      prices: [{ meterId: tokens.id, model: graduated }],
    });
    await subscribe(admin, rival.customer.id, {
      baseFeeMinor: 1000,
      prices: [{ meterId: tokens.id, model: { kind: "per_unit", unitPrice: "1" } }],
    });
    const at = new Date(Date.now() + 1000);
    await send(acme.key.secret, acme.customer.externalId, type, [{ at, props: { tokens: 12000 } }]);
    await send(rival.key.secret, rival.customer.externalId, type, [{ at, props: { tokens: 3 } }]);
    await closeCurrentPeriod(admin, acme.customer.id);
    await closeCurrentPeriod(admin, rival.customer.id);
    acmeNumber = (await v1(listRoute, acme.key.secret, { externalId: acme.customer.externalId })).json
      .invoices[0].number;
    rivalNumber = (await v1(listRoute, rival.key.secret, { externalId: rival.customer.externalId })).json
      .invoices[0].number;
  });
  beforeEach(() => signInAs(null));

  it("lists the customer's own invoices, finalized with a number, base fee plus usage", async () => {
    const res = await v1(listRoute, acme.key.secret, { externalId: acme.customer.externalId });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.customer).toBe(acme.customer.externalId);
    expect(res.json.invoices).toHaveLength(1);
    // 12,000 tokens: 1,000 free, 10,000 × $0.001 + 1,000 × $0.0005 = $10.50, plus the $49.00 base fee.
    expect(res.json.invoices[0]).toMatchObject({
      status: "open",
      total: { amountMinor: 5950, formatted: "$59.50" },
      amountDue: { amountMinor: 5950 },
    });
    expect(res.json.invoices[0].number).toMatch(/^[A-Z0-9]+-\d{4}-\d+$/);
    expect(res.json.invoices[0].lines).toBeUndefined();
    expect(acmeNumber).not.toBe(rivalNumber);
  });

  it("answers one invoice by number or id, with each line and the usage line's tier breakdown", async () => {
    const res = await v1(invoiceRoute, acme.key.secret, {
      externalId: acme.customer.externalId,
      number: acmeNumber,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      customer: acme.customer.externalId,
      number: acmeNumber,
      status: "open",
      total: { amountMinor: 5950 },
    });
    expect(res.json.billTo.name).toBe(acme.customer.name);
    const usage = res.json.lines.find((l: { kind: string }) => l.kind === "USAGE");
    expect(usage).toMatchObject({ quantity: "12000", includedUnits: "1000", amount: { amountMinor: 1050 } });
    expect(
      usage.details.breakdown.map((b: { kind: string; quantity: string; amountFormatted: string }) => [
        b.kind,
        b.quantity,
        b.amountFormatted,
      ]),
    ).toEqual([
      ["included", "1000", "$0.00"],
      ["priced", "10000", "$10.00"],
      ["priced", "1000", "$0.50"],
    ]);
    const byId = await v1(invoiceRoute, acme.key.secret, {
      externalId: acme.customer.externalId,
      number: res.json.id,
    });
    expect(byId.json.number).toBe(acmeNumber);
    const missing = await v1(invoiceRoute, acme.key.secret, {
      externalId: acme.customer.externalId,
      number: "MTR-1999-000001",
    });
    expect(missing.status).toBe(404);
  });

  it("answers the upcoming invoice, and a 404 that says why for a customer without a subscription", async () => {
    const res = await v1(upcomingRoute, acme.key.secret, { externalId: acme.customer.externalId });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toMatchObject({
      customer: acme.customer.externalId,
      status: "upcoming",
      number: "draft",
      currency: "USD",
    });
    expect(res.json.lines.map((l: { kind: string }) => l.kind)).toEqual(["BASE_FEE", "USAGE"]);
    const none = await v1(upcomingRoute, lone.key.secret, { externalId: lone.customer.externalId });
    expect(none.status).toBe(404);
    expect(none.json.error.message).toMatch(/no subscription in force/i);
  });

  it("a key limited to another customer gets 403 on every route; an unrestricted key reads any customer", async () => {
    const other = { externalId: acme.customer.externalId };
    expect((await v1(listRoute, rival.key.secret, other)).status).toBe(403);
    expect((await v1(invoiceRoute, rival.key.secret, { ...other, number: acmeNumber })).status).toBe(403);
    expect((await v1(upcomingRoute, rival.key.secret, other)).status).toBe(403);
    expect(
      (
        await v1(invoiceRoute, rival.key.secret, {
          externalId: rival.customer.externalId,
          number: acmeNumber,
        })
      ).status,
    ).toBe(404);
    const any = await createTestApiKey();
    expect(
      (await v1(listRoute, any.secret, { externalId: rival.customer.externalId })).json.invoices[0].number,
    ).toBe(rivalNumber);
  });

  it("validates the status filter: a 422 names the field; a valid status filters", async () => {
    const bad = await v1(
      listRoute,
      acme.key.secret,
      { externalId: acme.customer.externalId },
      "?status=overdue",
    );
    expect(bad.status).toBe(422);
    expect(bad.json.error.problems[0]).toMatchObject({ field: "status" });
    expect(bad.json.error.problems[0].message).toContain("draft, open, paid, void, uncollectible");
    expect(
      (await v1(listRoute, acme.key.secret, { externalId: acme.customer.externalId }, "?status=open")).json
        .invoices,
    ).toHaveLength(1);
    expect(
      (await v1(listRoute, acme.key.secret, { externalId: acme.customer.externalId }, "?status=paid")).json
        .invoices,
    ).toHaveLength(0);
    signInAs(await memberOf(acme.customer.id));
    expect((await portal(portalListRoute, {}, { query: "?status=nope" })).json.error.problems[0].field).toBe(
      "status",
    );
  });

  it("a member reads only their own customer's invoices; another customer's number is a 404", async () => {
    signInAs(await memberOf(acme.customer.id));
    const list = await portal(portalListRoute);
    expect(list.status).toBe(200);
    expect(list.json.invoices.map((i: { number: string }) => i.number)).toEqual([acmeNumber]);
    expect((await portal(portalInvoiceRoute, { number: acmeNumber })).json.total.amountMinor).toBe(5950);
    expect((await portal(portalInvoiceRoute, { number: rivalNumber })).status).toBe(404);
    const upcoming = await portal(portalUpcomingRoute);
    expect(upcoming.status).toBe(200);
    expect(upcoming.json.status).toBe("upcoming");
    signInAs(await memberOf(lone.customer.id));
    expect((await portal(portalListRoute)).json.invoices).toEqual([]);
    expect((await portal(portalUpcomingRoute)).status).toBe(404);
    signInAs(admin);
    expect((await portal(portalListRoute)).status).toBe(404);
    signInAs(null);
    expect((await portal(portalListRoute)).status).toBe(401);
  });

  it("billing profile: a member may not set net terms (403), a bad country is a 422 naming it, good details are saved", async () => {
    signInAs(await memberOf(rival.customer.id));
    const put = (body: unknown) => portal(putProfileRoute, {}, { method: "PUT", body });
    const terms = await put({ netTermsDays: 30 });
    expect(terms.status).toBe(403);
    const country = await put({ legalName: "Rival Ltd", country: "Rivalia" });
    expect(country.status).toBe(422);
    expect(country.json.error.problems.map((p: { field: string }) => p.field)).toEqual(["country"]);
    const details = {
      legalName: "Rival Ltd",
      email: "billing@rival.test",
      addressLine1: "1 Main St",
      city: "Springfield",
      postalCode: "12345",
      region: "IL",
      country: "us",
    };
    const ok = await put(details);
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    expect(ok.json).toMatchObject({ ...details, country: "US", netTermsDays: 0 });
    expect((await portal(getProfileRoute)).json).toMatchObject({
      legalName: "Rival Ltd",
      country: "US",
      addressLine2: "",
    });
  });
});
