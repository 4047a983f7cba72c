import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createElement, type ReactNode } from "react";
import { renderToReadableStream } from "react-dom/server.edge";
import { Providers } from "@/components/providers";
import { signInAs } from "../support/session";
import { absolute, appFiles, combinations, segmentsOf } from "../support/app-tree";
import { twoTenants, type Tenant } from "../support/tenancy-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

/**
 * Tenancy, sealed, for pages: every portal page (app/(portal)/**\/page.tsx, found on disk) is rendered as
 * customer A's member inside the portal's layout, with B's ids in its dynamic segments and search params:
 * a page naming B is the 404 page, and no page shows anything of B's. Every admin page is rendered as A's
 * member too, past the page's own requireAdmin (the test session lets anyone through), so it is the lib
 * functions' checks that must refuse: nothing of B's (nor any customer's) may be shown.
 */

type Page = (props: { params: Promise<Record<string, string | string[]>>; searchParams: Promise<Record<string, string>> }) => Promise<ReactNode> | ReactNode;
type Layout = (props: { children: ReactNode }) => Promise<ReactNode> | ReactNode;

let A: Tenant;
let B: Tenant;

function bValuesFor(name: string): string[] {
  const byName: Record<string, string[]> = {
    number: [B.invoice.number, B.invoice.id],
    id: [B.purchase.id, B.invoice.id, B.customer.id],
    customerId: [B.customer.id],
    invoiceId: [B.invoice.id],
    externalId: [B.customer.externalId],
  };
  return byName[name] ?? [B.customer.id, B.customer.externalId, B.invoice.number];
}

const bSearch = () => ({ customer: B.customer.externalId, customerId: B.customer.id, invoice: B.invoice.number, purchase: B.purchase.id, paid: "1" });

/** The page's HTML, or the status Next.js would answer when it throws (notFound: 404, redirect: 307, else 500). */
async function render(file: string, params: Record<string, string | string[]>, search: Record<string, string>, layoutFile: string | null) {
  const page = ((await import(/* @vite-ignore */ absolute(file))) as { default: Page }).default;
  const thrown = (e: unknown) => {
    const digest = String((e as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;")) return { status: Number(digest.split(";")[1]), html: "" };
    if (digest.startsWith("NEXT_REDIRECT")) return { status: 307, html: "" };
    const status = (e as { status?: unknown }).status;
    return { status: typeof status === "number" ? status : 500, html: String((e as Error).message ?? e) };
  };
  try {
    let tree = await page({ params: Promise.resolve(params), searchParams: Promise.resolve(search) });
    if (layoutFile) tree = await ((await import(/* @vite-ignore */ absolute(layoutFile))) as { default: Layout }).default({ children: tree });
    let failure: unknown = null;
    const stream = await renderToReadableStream(createElement(Providers, null, tree), { onError: (e) => void (failure ??= e) });
    await stream.allReady;
    const html = await new Response(stream).text();
    return failure ? thrown(failure) : { status: 200, html };
  } catch (e) {
    return thrown(e);
  }
}

const leaks = (html: string) => B.secrets.filter((s) => html.includes(s));

describe("tenancy sealed: every page", () => {
  beforeAll(async () => {
    ({ a: A, b: B } = await twoTenants());
    // Pages and client components fetch nothing while rendering on the server; a fetch would be a bug here.
    vi.stubGlobal("fetch", () => Promise.reject(new Error("no fetch while rendering a page")));
  }, 120_000);
  afterAll(() => {
    signInAs(null);
    vi.unstubAllGlobals();
  });

  const portalPages = appFiles("page.tsx", "app/(portal)");
  const adminPages = appFiles("page.tsx", "app/admin");

  it("finds the pages on disk", () => {
    expect(portalPages).toContain("app/(portal)/invoices/[number]/page.tsx");
    expect(adminPages).toContain("app/admin/page.tsx");
  });

  it.each(portalPages)("%s shows A's member nothing of B's", async (file) => {
    signInAs(A.member);
    const segments = segmentsOf(file);
    const problems: string[] = [];
    for (const params of combinations(segments.map((s) => [s.name, bValuesFor(s.name)]))) {
      for (const search of [{}, bSearch()]) {
        const { status, html } = await render(file, params, search, "app/(portal)/layout.tsx");
        const where = `${JSON.stringify(params)} ${JSON.stringify(search)}`;
        if (leaks(html).length) problems.push(`${where}: shows B's ${leaks(html).join(", ")}`);
        if (segments.length > 0 && status !== 404) problems.push(`${where}: answered ${status}, not the 404 page`);
        if (segments.length === 0 && status !== 200) problems.push(`${where}: failed to render (${status}) ${html.slice(0, 300)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("renders a portal page with A's own data (the check can fail)", async () => {
    signInAs(A.member);
    const { status, html } = await render("app/(portal)/invoices/[number]/page.tsx", { number: A.invoice.number }, {}, "app/(portal)/layout.tsx");
    expect(status).toBe(200);
    expect(html).toContain(A.invoice.number);
    expect(html).toContain(A.customer.name);
  });

  it.each(adminPages)("%s shows A's member nothing, even past the page's own guard", async (file) => {
    signInAs(A.member);
    const segments = segmentsOf(file);
    const problems: string[] = [];
    for (const params of combinations(segments.map((s) => [s.name, bValuesFor(s.name)]))) {
      const { status, html } = await render(file, params, bSearch(), null);
      if (leaks(html).length) problems.push(`${JSON.stringify(params)}: shows B's ${leaks(html).join(", ")} (${status})`);
    }
    expect(problems).toEqual([]);
  });
});
