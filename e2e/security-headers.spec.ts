import { readdirSync, statSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { ADMIN, signIn } from "./support/sign-in";
import { runOnE2eDatabase } from "./support/run-on-e2e-database";

const PAGES_MEMBER = { email: "pages@csp.test", password: "csp-member-pages" };
const PORT = Number(process.env.E2E_PORT ?? 3100);

/** Every app/**\/page.tsx as its URL pattern (route groups dropped): a new page is visited without anyone adding it here. */
function pagePatterns(): { pattern: string; portal: boolean }[] {
  const app = path.resolve("app");
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const full = path.join(dir, n);
      return statSync(full).isDirectory() ? walk(full) : n === "page.tsx" ? [full] : [];
    });
  return walk(app)
    .map((full) => {
      const segments = path.relative(app, path.dirname(full)).split(path.sep).filter(Boolean);
      return { pattern: "/" + segments.filter((s) => !/^\(.*\)$/.test(s)).join("/"), portal: segments[0] === "(portal)" };
    })
    .sort((a, b) => a.pattern.localeCompare(b.pattern));
}

type Ids = Record<string, string>;

/** Fills a pattern's [params] with the seeded ids; a param no one has an id for fails the test, naming the page. */
function fill(pattern: string, ids: Ids): string {
  const byPattern: Record<string, string[]> = {
    "/credits/purchases/[id]": [ids.purchaseId],
    "/invoices/[number]": [ids.number],
    "/admin/credit-packs/[id]": [ids.packId],
    "/admin/customers/[id]": [ids.customerId],
    "/admin/invoices/[customerId]/[invoiceId]": [ids.customerId, ids.invoiceId],
    "/admin/mail/[id]": [ids.mailId],
    "/admin/meters/[id]/edit": [ids.meterId],
    "/admin/plans/[planId]": [ids.planId],
    "/admin/plans/[planId]/versions/[versionId]": [ids.planId, ids.versionId],
    "/admin/webhooks/[id]": [ids.webhookId],
  };
  if (!pattern.includes("[")) return pattern;
  const values = byPattern[pattern];
  if (!values) throw new Error(`${pattern}: add the ids this page needs to fill() in e2e/security-headers.spec.ts (and e2e/support/seed-page-ids.ts)`);
  let i = 0;
  return pattern.replace(/\[[^\]]+\]/g, () => encodeURIComponent(values[i++]));
}

/** Collects console errors and CSP violation reports of a page. */
async function watched(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext();
  // Not subject to the page's CSP (Playwright injects it): turns each violation into a console error.
  await context.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) => console.error(`CSP violation: Refused to load ${e.blockedURI} (${e.effectiveDirective})`)),
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  return { page, errors };
}

const CSP_ERROR = /Content Security Policy|Refused to|CSP violation/i;
/** Pages whose charts must draw (recharts sizes them in the browser, so a drawn chart means the scripts ran). */
const CHART_PAGES = ["/dashboard", "/usage", "/admin/analytics"];

test("every page works under the Content-Security-Policy: no CSP error, charts drawn, as admin and as member", async ({ browser }) => {
  test.setTimeout(240_000);
  const output = runOnE2eDatabase("e2e/support/seed-page-ids.ts", []);
  const ids = JSON.parse(output.split("\n").find((l) => l.startsWith('{"customerId"'))!) as Ids;
  const patterns = pagePatterns();
  expect(patterns.map((p) => p.pattern)).toEqual(expect.arrayContaining(["/dashboard", "/admin/customers/[id]", "/signin"]));

  const visited: string[] = [];
  const visit = async (page: Page, url: string) => {
    const res = await page.goto(url);
    expect(res?.status(), url).toBeLessThan(400);
    await page.waitForLoadState("networkidle");
    if (CHART_PAGES.includes(url)) await expect(page.locator("svg.recharts-surface").first(), `${url} draws its chart`).toBeVisible();
    visited.push(url);
  };

  const signedOut = await watched(browser);
  await visit(signedOut.page, "/signin");

  const admin = await watched(browser);
  await signIn(admin.page, ADMIN);
  for (const p of patterns.filter((p) => !p.portal && p.pattern !== "/signin")) await visit(admin.page, fill(p.pattern, ids));

  const member = await watched(browser);
  await signIn(member.page, PAGES_MEMBER);
  for (const p of patterns.filter((p) => p.portal || !p.pattern.startsWith("/admin")).filter((p) => p.pattern !== "/signin")) await visit(member.page, fill(p.pattern, ids));

  expect(visited.length).toBeGreaterThanOrEqual(patterns.length);
  const cspErrors = [...signedOut.errors, ...admin.errors, ...member.errors].filter((e) => CSP_ERROR.test(e));
  expect(cspErrors).toEqual([]);
});

test("every kind of answer carries the security headers", async ({ request }) => {
  const page = await request.get("/signin");
  const html = await page.text();
  const csp = page.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
  expect(nonce).toBeTruthy();
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  // Next.js put this request's nonce on its scripts.
  expect(html).toContain(`nonce="${nonce}"`);
  const script = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
  expect(script).toBeTruthy();

  const answers = {
    page: page,
    "another page's nonce": await request.get("/signin"),
    redirect: await request.get("/dashboard", { maxRedirects: 0 }),
    "not found page": await request.get("/no-such-page"),
    "json route": await request.get("/api/health"),
    "public API 401": await request.post("/api/v1/events", { data: {} }),
    "auth route": await request.get("/api/auth/csrf"),
    "static script": await request.get(script!),
    "public file": await request.get("/icon.svg"),
  };
  expect(answers.redirect.status()).toBeGreaterThanOrEqual(300);
  expect(answers.redirect.status()).toBeLessThan(400);
  expect(answers["not found page"].status()).toBe(404);
  expect(answers["public API 401"].status()).toBe(401);
  expect(answers["another page's nonce"].headers()["content-security-policy"]).not.toBe(csp);
  for (const [kind, res] of Object.entries(answers)) {
    const h = res.headers();
    expect(h["x-content-type-options"], kind).toBe("nosniff");
    expect(h["referrer-policy"], kind).toBe("strict-origin-when-cross-origin");
    expect(h["permissions-policy"], kind).toContain("camera=()");
    expect(h["x-frame-options"], kind).toBe("DENY");
    // The loopback demo is plain http: no HSTS (it would pin localhost to https for every app on it).
    expect(h["strict-transport-security"], kind).toBeUndefined();
    if (!kind.startsWith("static") && kind !== "public file") expect(h["content-security-policy"], kind).toContain("frame-ancestors 'none'");
  }
  expect(answers["json route"].headers()["content-security-policy"]).toContain("default-src 'none'");
});

test("the session cookie is HttpOnly and SameSite=Lax (not Secure over the demo's http)", async ({ browser }) => {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, ADMIN);
  const session = (await page.context().cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
});

test("the server listens on loopback only", async () => {
  const outside = Object.values(os.networkInterfaces())
    .flat()
    .find((a) => a && a.family === "IPv4" && !a.internal);
  test.skip(!outside, "this machine has no non-loopback IPv4 address");
  const connects = (host: string) =>
    new Promise<boolean>((resolve) => {
      const s = net.connect({ host, port: PORT }, () => (s.destroy(), resolve(true)));
      s.on("error", () => resolve(false));
      s.setTimeout(3000, () => (s.destroy(), resolve(false)));
    });
  expect(await connects("127.0.0.1")).toBe(true);
  expect(await connects(outside!.address)).toBe(false);
});
