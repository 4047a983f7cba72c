import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pool } from "@/lib/db/pool";
import { signInAs } from "../support/session";
import { absolute, appFiles, combinations, customerRowsFingerprint, segmentsOf, urlPathOf } from "../support/app-tree";
import { twoTenants, type Tenant } from "../support/tenancy-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

/**
 * Tenancy, sealed: every route handler under app/ (found on disk, so a new one is covered without anyone
 * listing it), every exported method, requested as customer A's member and with A's API key, with
 * customer B's ids in the path, the query and the body. A path naming B must be refused (403/404; 401
 * without credentials); admin routes refuse members and keys; no answer contains anything of B's; and
 * nothing of B's is written.
 */

/** Routes anyone may call, and why. They are still requested, and must not answer anything of B's. */
const PUBLIC: Record<string, string> = {
  "/api/health": "liveness for load balancers: says only whether the database answers",
  "/api/auth/[...nextauth]": "NextAuth's own sign-in endpoints",
  "/api/webhooks/stripe": "Stripe's webhook: refuses anything without a valid signature of the raw body",
  "/api/bench/echo": "benchmark ceiling: 404 unless METERLY_BENCH=1",
  "/api/bench/noop": "benchmark ceiling: 404 unless METERLY_BENCH=1",
  "/api/bench/stats": "benchmark counters: 404 unless METERLY_BENCH=1",
  "/api/v1/openapi.json": "the public API's OpenAPI document: no customer data",
  "/docs/api/scalar.js": "the API reference page's script, a static asset",
};

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;
const REFUSED = [403, 404];

type Handler = (req: Request, ctx: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;
type Kind = "public" | "admin" | "apiKey" | "session";

function kindOf(file: string): Kind {
  const route = urlPathOf(file);
  if (route in PUBLIC) return "public";
  if (/\/admin(\/|$)/.test(route)) return "admin";
  // The public API, and its Stripe-compatible path at /v1/billing/meter_events (stripe-node takes no base path).
  if (route.startsWith("/api/v1/") || route.startsWith("/v1/")) return "apiKey";
  return "session";
}

let A: Tenant;
let B: Tenant;
let meterKey: string;
let meterEventType: string;
let before: Record<string, string>;
let requests = 0;

/** Values of B's to put in each dynamic segment, by the segment's name. */
function bValuesFor(name: string): string[] {
  const byName: Record<string, string[]> = {
    externalId: [B.customer.externalId],
    customer: [B.customer.externalId, B.customer.id],
    customerId: [B.customer.id],
    number: [B.invoice.number, B.invoice.id],
    invoiceId: [B.invoice.id],
    id: [B.purchase.id, B.invoice.id, B.customer.id, B.eventId],
    eventId: [B.eventId],
    purchaseId: [B.purchase.id],
  };
  return byName[name] ?? [B.customer.id, B.customer.externalId, B.invoice.number, B.eventId];
}

function bQuery(): string {
  return new URLSearchParams({
    customer: B.customer.externalId,
    customerId: B.customer.id,
    externalId: B.customer.externalId,
    invoice: B.invoice.number,
    meter: meterKey,
    status: "open",
    subject: B.customer.externalId,
  }).toString();
}

function bBody(): string {
  return JSON.stringify({
    id: `tenancy-probe-${B.eventId}`,
    customer: B.customer.externalId,
    customerId: B.customer.id,
    externalId: B.customer.externalId,
    type: meterEventType,
    properties: { tokens: 1 },
    invoiceId: B.invoice.id,
    number: B.invoice.number,
    purchaseId: B.purchase.id,
  });
}

type Probe = { file: string; method: string; url: string; params: Record<string, string | string[]>; as: "member" | "key" | "nobody"; body?: string };
type Answer = Probe & { status: number; text: string };

async function request(handler: Handler, p: Probe): Promise<Answer> {
  signInAs(p.as === "member" ? A.member : null);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (p.as === "key") headers.authorization = `Bearer ${A.key.secret}`;
  const req = new Request(`http://localhost${p.url}`, { method: p.method, headers, body: p.method === "GET" || p.method === "HEAD" ? undefined : (p.body ?? "{}") });
  let res: Response;
  try {
    res = await handler(req, { params: Promise.resolve(p.params) });
  } catch (e) {
    // A thrown error is Next.js's 500 (or notFound()/redirect()): never an answer with B's data.
    const digest = String((e as { digest?: unknown }).digest ?? "");
    const status = digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;") ? Number(digest.split(";")[1]) : digest.startsWith("NEXT_REDIRECT") ? 307 : 500;
    return { ...p, status, text: String((e as Error).message) };
  }
  return { ...p, status: res.status, text: await res.text() };
}

/** Every probe of one route file: each method, each credential, B's values in the path, query and body. */
function probesOf(file: string, methods: string[]): Probe[] {
  const segments = segmentsOf(file);
  const paramSets = combinations(segments.map((s) => [s.name, bValuesFor(s.name)]));
  const out: Probe[] = [];
  for (const method of methods) {
    for (const params of paramSets) {
      let url = urlPathOf(file);
      const routeParams: Record<string, string | string[]> = {};
      for (const s of segments) {
        url = url.replace(s.catchAll ? `[...${s.name}]` : `[${s.name}]`, encodeURIComponent(params[s.name]));
        routeParams[s.name] = s.catchAll ? [params[s.name]] : params[s.name];
      }
      for (const as of ["member", "key", "nobody"] as const) {
        out.push({ file, method, url, params: routeParams, as, body: bBody() });
        if (method === "GET") out.push({ file, method, url: `${url}?${bQuery()}`, params: routeParams, as });
      }
    }
  }
  return out;
}

/** What is wrong with one answer, or null. */
function problemWith(a: Answer, kind: Kind, namesB: boolean): string | null {
  const sent = `${a.url} ${a.body ?? ""}`;
  const leaked = B.secrets.filter((s) => s && a.text.includes(s) && !sent.includes(s));
  if (leaked.length) return `answered B's ${leaked.join(", ")}`;
  if (kind === "public") return null; // e.g. health's 503 while a migration is pending, Stripe's 503 without its secret
  if (a.status >= 500) return `answered ${a.status}`;
  if (a.as === "nobody" && a.status !== 401 && a.status !== 404) return `answered ${a.status} without credentials (401 expected)`;
  if (kind === "admin" && a.as !== "nobody" && ![401, ...REFUSED].includes(a.status)) return `admin route answered ${a.status} to a ${a.as}`;
  if (kind === "apiKey" && a.as === "member" && a.status !== 401) return `API route answered ${a.status} to a session without a key`;
  if (kind === "session" && a.as === "key" && a.status !== 401 && a.status !== 404) return `session route answered ${a.status} to an API key`;
  if (namesB && a.status < 400 && ((kind === "apiKey" && a.as === "key") || (kind === "session" && a.as === "member")))
    return `answered ${a.status} to a path naming B's ${JSON.stringify(a.params)}`;
  return null;
}

const routeFiles = appFiles("route.ts");

describe("tenancy sealed: every route handler", () => {
  beforeAll(async () => {
    ({ a: A, b: B } = await twoTenants().then((t) => {
      meterKey = t.meter.key;
      meterEventType = t.meter.eventType;
      return t;
    }));
    before = await customerRowsFingerprint((sql, p) => pool().query(sql, p), [B.customer.id]);
  }, 120_000);
  afterAll(() => {
    signInAs(null);
    console.log(`tenancy sealed: ${routeFiles.length} route files, ${requests} requests`);
  });

  it("finds the route handlers on disk", () => {
    expect(routeFiles.length).toBeGreaterThan(30);
    expect(routeFiles).toContain("app/api/v1/events/route.ts");
  });

  it("lists each public route with a reason, and each listed one exists", () => {
    const routes = new Set(routeFiles.map(urlPathOf));
    for (const r of Object.keys(PUBLIC)) expect(routes, r).toContain(r);
  });

  it.each(routeFiles)("%s refuses A's member and A's key B's data", async (file) => {
    const mod = (await import(/* @vite-ignore */ absolute(file))) as Record<string, unknown>;
    const methods = METHODS.filter((m) => typeof mod[m] === "function");
    expect(methods.length, `${file} exports no method`).toBeGreaterThan(0);
    const kind = kindOf(file);
    const namesB = segmentsOf(file).length > 0;
    const problems: string[] = [];
    for (const probe of probesOf(file, methods)) {
      const answer = await request(mod[probe.method] as Handler, probe);
      requests++;
      const problem = problemWith(answer, kind, namesB);
      if (problem) problems.push(`${probe.method} ${probe.url} as ${probe.as}: ${problem} — ${answer.text.slice(0, 300)}`);
    }
    expect(problems).toEqual([]);
  });

  it("can fail: A's own invoice, taken for B's, is caught both as answered and as leaked", async () => {
    const file = "app/api/portal/invoices/[number]/route.ts";
    const mod = (await import(/* @vite-ignore */ absolute(file))) as Record<string, Handler>;
    const saved = B;
    B = A;
    try {
      const answer = await request(mod.GET, { file, method: "GET", url: `/api/portal/invoices/${A.invoice.number}`, params: { number: A.invoice.number }, as: "member" });
      expect(answer.status).toBe(200);
      expect(problemWith(answer, "session", true)).toMatch(/answered B's .*Alpha Holdings/);
      expect(problemWith({ ...answer, text: "{}" }, "session", true)).toMatch(/answered 200 to a path naming B's/);
    } finally {
      B = saved;
    }
  });

  it("A's key reporting usage for B is answered as for a customer that does not exist", async () => {
    const { POST } = (await import("@/app/api/v1/events/route")) as unknown as Record<string, Handler>;
    const post = async (customer: string, type: string) => {
      const body = JSON.stringify({ id: `probe-${customer}-${type}`, customer, type, properties: { tokens: 1 } });
      const a = await request(POST, { file: "app/api/v1/events/route.ts", method: "POST", url: "/api/v1/events", params: {}, as: "key", body });
      return { status: a.status, error: JSON.parse(a.text).error, text: a.text.replaceAll(customer, "<customer>") };
    };
    const answers = [await post(B.customer.externalId, meterEventType), await post(B.customer.externalId, "no_such_type"), await post(`nobody-${B.eventId}`, meterEventType)];
    for (const a of answers) expect(a.status).toBe(403);
    expect(new Set(answers.map((a) => a.text)).size).toBe(1);
  });

  it("wrote nothing of B's", async () => {
    expect(await customerRowsFingerprint((sql, p) => pool().query(sql, p), [B.customer.id])).toEqual(before);
  });
});
