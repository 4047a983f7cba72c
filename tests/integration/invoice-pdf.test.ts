import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as apiPdfRoute } from "@/app/api/v1/customers/[externalId]/invoices/[number]/pdf/route";
import { GET as portalPdfRoute } from "@/app/api/portal/invoices/[number]/pdf/route";
import { GET as adminPdfRoute } from "@/app/api/admin/customers/[customerId]/invoices/[number]/pdf/route";
import type { CurrentUser } from "@/lib/auth/current-user";
import { updateBillingProfile } from "@/lib/billing/billing-profile";
import { issueManualCreditNote } from "@/lib/billing/credit-notes/issue-manual-credit-note";
import type { InvoiceDetail } from "@/lib/billing/get-invoice";
import { loadLogo } from "@/lib/billing/pdf/load-logo";
import { prisma } from "@/lib/db/client";
import { createTestApiKey, upsertMeter } from "@/lib/seed/factories";
import { closeAt, onlyInvoice, testPrefix, upcoming } from "../support/billing-fixtures";
import { pdfPages } from "../support/pdf-text";
import { subscribe } from "../support/plan-fixtures";
import { signInAs } from "../support/session";
import { adminUser, customerWithKey, memberOf, send, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Handler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;
type Download = { status: number; headers: Headers; bytes: Uint8Array; json: () => any };

/** Calls a route handler as Next.js would and keeps the body as bytes. */
async function download<P>(handler: Handler<P>, params: P, key?: string): Promise<Download> {
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  const res = await handler(new Request("http://localhost/api/test/pdf", { headers }), {
    params: Promise.resolve(params),
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return {
    status: res.status,
    headers: res.headers,
    bytes,
    json: () => JSON.parse(new TextDecoder().decode(bytes)),
  };
}

/** 1,000 tokens free, then three graduated tiers. */
const tiers = (...prices: [string | null, string][]) =>
  prices.map(([upTo, unitPrice]) => ({ upTo, unitPrice }));
const tokenPrice = {
  kind: "graduated" as const,
  includedUnits: "1000",
  tiers: tiers(["5000", "0.002"], ["10000", "0.001"], [null, "0.0005"]),
};

/** A meter named `name` counting `unit`s: their sum in property `unit`, or with no property, the events. */
const namedMeter = (name: string, unit: string, summed: boolean) => {
  const key = `${unit}_${tag()}`;
  return upsertMeter({
    key,
    name,
    eventType: key,
    unit,
    ...(summed ? { valueProperty: unit } : { aggregation: "COUNT", valueProperty: null }),
  });
};

describe("invoice PDFs", () => {
  let admin: CurrentUser;
  let acme: Awaited<ReturnType<typeof customerWithKey>>;
  let rival: Awaited<ReturnType<typeof customerWithKey>>;
  let invoice: InvoiceDetail;
  let draftId: string;
  beforeAll(async () => {
    admin = await adminUser();
    const [tokens, images] = await Promise.all([
      namedMeter("LLM tokens", "tokens", true),
      namedMeter("Images", "images", false),
    ]);
    [acme, rival] = await Promise.all([customerWithKey("acme"), customerWithKey("rival")]);
    const prices = [
      { meterId: tokens.id, model: tokenPrice },
      { meterId: images.id, model: { kind: "per_unit" as const, unitPrice: "0.04" } },
    ];
    await subscribe(admin, acme.customer.id, { baseFeeMinor: 4900, prices });
    await subscribe(admin, rival.customer.id, { baseFeeMinor: 1000, prices });
    await updateBillingProfile(admin, acme.customer.id, {
      legalName: "Acme Widgets Ltd",
      email: "billing@acme.test",
      addressLine1: "1 Market St",
      city: "San Francisco",
      postalCode: "94105",
      region: "CA",
      country: "US",
    });
    const at = new Date();
    await send(acme.key.secret, acme.customer.externalId, tokens.eventType, [
      { at, props: { tokens: 7000 } },
      { at, props: { tokens: 5000 } },
    ]);
    await send(acme.key.secret, acme.customer.externalId, images.eventType, [{ at }, { at }, { at }]);
    await send(rival.key.secret, rival.customer.externalId, tokens.eventType, [
      { at, props: { tokens: 10 } },
    ]);

    const acmeEnd = (await upcoming(admin, acme.customer.id)).period.end;
    expect(await closeAt(acme.customer.id, acmeEnd, 25, testPrefix())).toMatchObject({ finalized: 1 });
    invoice = await onlyInvoice(admin, acme.customer.id);
    const rivalEnd = (await upcoming(admin, rival.customer.id)).period.end;
    expect(await closeAt(rival.customer.id, rivalEnd, 1)).toMatchObject({ drafted: 1, finalized: 0 });
    draftId = (await prisma.invoice.findFirstOrThrow({ where: { customerId: rival.customer.id } })).id;
  });
  beforeEach(() => signInAs(null));

  const acmeParams = () => ({ externalId: acme.customer.externalId, number: invoice.number });

  it("downloads a finalized invoice as a PDF with its number, billing details, every line with its amount, and the total", async () => {
    const res = await download(apiPdfRoute, acmeParams(), acme.key.secret);
    expect(res.status, new TextDecoder().decode(res.bytes.slice(0, 300))).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${invoice.number}.pdf"`);
    expect(Number(res.headers.get("content-length"))).toBe(res.bytes.length);

    expect((await loadLogo())?.shapes.length, "the logo is read from public/icon.svg").toBeGreaterThan(0);
    const pages = await pdfPages(res.bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0].replace(/\n/g, " ");
    expect(text).toContain(`Invoice number ${invoice.number}`);
    expect(text).toContain("Acme Widgets Ltd 1 Market St 94105 San Francisco CA US billing@acme.test");
    // $49.00 base fee; 3 images at $0.04; 12,000 tokens: 1,000 free, 5,000 at $0.002, 5,000 at $0.001, 1,000 at $0.0005.
    expect(invoice.lines.map((l) => l.amount.formatted)).toEqual(["$49.00", "$0.12", "$15.50"]);
    for (const line of invoice.lines) expect(text).toContain(`${line.description} ${line.amount.formatted}`);
    expect(text).toContain("Included (0 - 1,000 tokens): 1,000 tokens $0.00");
    expect(text).toContain("Tier 1 (1,000 - 6,000 tokens): 5,000 × $0.002 $10.00");
    expect(text).toContain("Tier 2 (6,000 - 11,000 tokens): 5,000 × $0.001 $5.00");
    expect(text).toContain("Tier 3 (11,000 - 12,000 tokens): 1,000 × $0.0005 $0.50");
    expect(text).toContain("Total $64.62");
    expect(text).toContain("Amount due $64.62");
  });

  it("renders the same bytes on every request, for the API and the portal alike", async () => {
    const first = await download(apiPdfRoute, acmeParams(), acme.key.secret);
    const again = await download(apiPdfRoute, { ...acmeParams(), number: invoice.id! }, acme.key.secret);
    signInAs(await memberOf(acme.customer.id));
    const portal = await download(portalPdfRoute, { number: invoice.number });
    expect(portal.status).toBe(200);
    expect(portal.headers.get("content-disposition")).toBe(`attachment; filename="${invoice.number}.pdf"`);
    expect(Buffer.from(again.bytes).equals(Buffer.from(first.bytes))).toBe(true);
    expect(Buffer.from(portal.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  });

  it("refuses a key limited to another customer (403); an unrestricted key may download", async () => {
    const res = await download(apiPdfRoute, acmeParams(), rival.key.secret);
    expect(res.status).toBe(403);
    const ownCustomerOtherInvoice = await download(
      apiPdfRoute,
      { externalId: rival.customer.externalId, number: invoice.number },
      rival.key.secret,
    );
    expect(ownCustomerOtherInvoice.status).toBe(404);
    const any = await createTestApiKey();
    expect((await download(apiPdfRoute, acmeParams(), any.secret)).status).toBe(200);
    expect((await download(apiPdfRoute, acmeParams())).status).toBe(401);
  });

  it("answers a member of another customer, or an admin, in the portal with 404", async () => {
    signInAs(await memberOf(rival.customer.id));
    const other = await download(portalPdfRoute, { number: invoice.number });
    expect(other.status).toBe(404);
    expect(other.json().error.message).toContain(invoice.number);
    signInAs(admin);
    expect((await download(portalPdfRoute, { number: invoice.number })).status).toBe(404);
    signInAs(null);
    expect((await download(portalPdfRoute, { number: invoice.number })).status).toBe(401);
  });

  it("lets an admin download any customer's finalized invoice, by number or id, the same bytes as the API", async () => {
    signInAs(admin);
    const byNumber = await download(adminPdfRoute, { customerId: acme.customer.id, number: invoice.number });
    expect(byNumber.status, new TextDecoder().decode(byNumber.bytes.slice(0, 300))).toBe(200);
    expect(byNumber.headers.get("content-type")).toBe("application/pdf");
    expect(byNumber.headers.get("content-disposition")).toBe(`attachment; filename="${invoice.number}.pdf"`);
    const byId = await download(adminPdfRoute, { customerId: acme.customer.id, number: invoice.id! });
    expect(byId.status).toBe(200);
    const api = await download(apiPdfRoute, acmeParams(), acme.key.secret);
    expect(Buffer.from(byNumber.bytes).equals(Buffer.from(api.bytes))).toBe(true);
    expect(Buffer.from(byId.bytes).equals(Buffer.from(api.bytes))).toBe(true);
  });

  it("refuses members on the admin route (403), even of the invoice's customer; 404 for another customer's number or a bad id; 401 signed out", async () => {
    const params = { customerId: acme.customer.id, number: invoice.number };
    signInAs(await memberOf(acme.customer.id));
    const own = await download(adminPdfRoute, params);
    expect(own.status).toBe(403);
    expect(own.json().error.code).toBe("FORBIDDEN");
    signInAs(await memberOf(rival.customer.id));
    expect((await download(adminPdfRoute, params)).status).toBe(403);
    signInAs(admin);
    const elsewhere = await download(adminPdfRoute, {
      customerId: rival.customer.id,
      number: invoice.number,
    });
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.json().error.message).toContain(invoice.number);
    expect((await download(adminPdfRoute, { customerId: "not-a-uuid", number: invoice.number })).status).toBe(
      404,
    );
    signInAs(null);
    expect((await download(adminPdfRoute, params)).status).toBe(401);
  });

  it("has no PDF for a draft on the admin route either: 409", async () => {
    signInAs(admin);
    const res = await download(adminPdfRoute, { customerId: rival.customer.id, number: draftId });
    expect(res.status).toBe(409);
    expect(res.json().error.message).toBe("A draft invoice has no PDF until it is finalized");
  });

  it("has no PDF for a draft: 409 that says why, by API and in the portal", async () => {
    const res = await download(
      apiPdfRoute,
      { externalId: rival.customer.externalId, number: draftId },
      rival.key.secret,
    );
    expect(res.status).toBe(409);
    expect(res.json().error.message).toBe("A draft invoice has no PDF until it is finalized");
    signInAs(await memberOf(rival.customer.id));
    expect((await download(portalPdfRoute, { number: draftId })).status).toBe(409);
  });

  // Last: it lowers the invoice's amount due.
  it("downloads a credit note as a PDF with its number, the invoice it credits, its reason, line and total; sealed per customer", async () => {
    const note = await issueManualCreditNote(admin, acme.customer.id, invoice.id!, {
      amount: "4.62",
      reason: "Goodwill for the April outage",
      settlement: "balance",
    });
    const res = await download(apiPdfRoute, { ...acmeParams(), number: note.number }, acme.key.secret);
    expect(res.status, new TextDecoder().decode(res.bytes.slice(0, 300))).toBe(200);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="${note.number}.pdf"`);
    const text = (await pdfPages(res.bytes)).join("\n");
    expect(text).toContain(`Number ${note.number}`);
    expect(text).toContain(`Invoice ${invoice.number}\n`);
    expect(text).toContain("Reason: Goodwill for the April outage");
    expect(text).toContain("Goodwill for the April outage -$4.62");
    expect(text).toContain("Off the invoice's amount due $4.62");
    expect(text).toContain("Total credited $4.62");
    expect(text).toContain("Acme Widgets Ltd");
    signInAs(await memberOf(acme.customer.id));
    const portal = await download(portalPdfRoute, { number: note.number });
    expect(Buffer.from(portal.bytes).equals(Buffer.from(res.bytes))).toBe(true);
    signInAs(await memberOf(rival.customer.id));
    expect((await download(portalPdfRoute, { number: note.number })).status).toBe(404);
    expect(
      (await download(apiPdfRoute, { ...acmeParams(), number: note.number }, rival.key.secret)).status,
    ).toBe(403);
    signInAs(null);
    expect(
      (await download(apiPdfRoute, { ...acmeParams(), number: `${invoice.number}-CN9` }, acme.key.secret))
        .status,
    ).toBe(404);
  });
});
