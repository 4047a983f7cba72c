import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { createWebhookEndpoint } from "@/lib/webhooks/create-webhook-endpoint";
import { signInAs } from "../support/session";
import { absolute, appFiles, customerRowsFingerprint } from "../support/app-tree";
import { twoTenants, type Tenant } from "../support/tenancy-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "localhost:3000", origin: "http://localhost:3000" }), cookies: async () => new Map() }));

/**
 * Server actions, every one ('use server' files under app/, found on disk): each admin action is called as a
 * member (the test session lets a member past requireAdmin, so lib's own check must refuse) and signed out;
 * each member action signed out and as customer A's member with customer B's ids. Every call is refused
 * (thrown, or a form state with an error), and nothing is written: B's (and for admin actions A's) rows,
 * counted and hashed per table, are the same after; no meter, pack, key, endpoint or audit row appears.
 */

type Action = (...args: unknown[]) => Promise<unknown>;

let A: Tenant;
let B: Tenant;
let t: string;
let ids: Record<string, string>;
let admin: Tenant["member"];

/**
 * Actions meant for people who are signed out, so there is no actor to check: "Forgot password?" answers
 * every address alike (it must, to reveal nothing). Their calls may succeed; they must still change nothing
 * of A's or B's (checked below like every non-admin action).
 */
const PUBLIC_ACTIONS = new Set(["app/forgot-password/actions.ts"]);

function actionFiles(): string[] {
  const files = appFiles(/\.tsx?$/).filter((f) => /^\s*["']use server["']/m.test(readFileSync(absolute(f), "utf8")));
  return [...new Set(files)].sort();
}

/** Values that no one form can hold at once (a limit's scope and a key's), tried in turn. */
const VARIANTS: Record<string, string>[] = [
  { action: "void", scope: "spend" },
  { action: "mark_paid", scope: "" },
  { action: "finalize", scope: "FULL" },
  { action: "retry_payment", scope: "spend", amount: "-1.00" },
];

/** A form full of valid-looking values aimed at B: if a check were missing, the action would likely succeed. */
function formFor(id: string, variant: Record<string, string>): FormData {
  const f = new FormData();
  const fields: Record<string, string> = {
    id,
    customerId: B.customer.id,
    invoiceId: B.invoice.id,
    deliveryId: id,
    packId: B.purchase.packId,
    name: `probe ${t}`,
    key: `probe_${t}`,
    eventType: `probe_${t}`,
    aggregation: "SUM",
    valueProperty: "tokens",
    unit: "tokens",
    amount: "10.00",
    reason: `probe ${t}`,
    description: `probe ${t}`,
    expiresAt: "",
    scope: "spend",
    mode: "alert",
    thresholds: "50",
    settlement: "BALANCE",
    netTermsDays: "30",
    creditNoteSettlement: "BALANCE",
    url: `http://127.0.0.1:9/probe-${t}`,
    eventTypes: "invoice.finalized",
    enabled: "true",
    currency: "USD",
    price: "10.00",
    priceMinor: "1000",
    credits: "10.00",
    creditsMinor: "1000",
    bonusCredits: "0",
    active: "on",
    threshold: "5.00",
    legalName: `Probe Legal ${t}`,
    email: `probe-${t}@example.test`,
    addressLine1: "1 Probe St",
    city: "Probeville",
    postalCode: "1",
    country: "US",
    from: new Date(Date.now() - 86_400_000).toISOString(),
    to: new Date().toISOString(),
    externalId: B.customer.externalId,
    customer: B.customer.externalId,
    eventId: B.eventId,
    ...variant,
  };
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
}

/** "refused", or what the action did instead. A redirect is what a successful save does. */
async function outcome(fn: Action, form: FormData): Promise<string> {
  try {
    const state = await (fn.length >= 2 ? fn(null, form) : fn.length === 1 ? fn(form) : fn());
    if (state && typeof state === "object" && "error" in state && (state as { error?: unknown }).error) return "refused";
    return `succeeded: ${JSON.stringify(state)}`;
  } catch (e) {
    const digest = String((e as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return `redirected: ${digest}`;
    return "refused";
  }
}

async function globalTraces(): Promise<Record<string, number>> {
  return {
    meters: await prisma.meter.count({ where: { key: `probe_${t}` } }),
    packs: await prisma.creditPack.count({ where: { name: `probe ${t}` } }),
    apiKeys: await prisma.apiKey.count({ where: { name: `probe ${t}` } }),
    endpoints: (await pool().query("SELECT count(*)::int AS n FROM webhook_endpoints WHERE url LIKE $1", [`%probe-${t}%`])).rows[0].n,
    auditByMember: await prisma.auditLog.count({ where: { actorId: { in: [A.member.userId, B.member.userId] } } }),
  };
}

const fingerprint = () => customerRowsFingerprint((sql, p) => pool().query(sql, p), [A.customer.id, B.customer.id]);

describe("server actions: every one checks the actor in lib", () => {
  const files = actionFiles();

  beforeAll(async () => {
    const tenants = await twoTenants();
    admin = tenants.admin;
    ({ a: A, b: B } = tenants);
    t = B.eventId.split("-").pop()!;
    const endpoint = await createWebhookEndpoint(tenants.admin, { url: `http://127.0.0.1:9/hooks-${t}`, eventTypes: ["invoice.finalized"] }, { allowPrivate: true });
    ids = { key: B.key.id, meter: tenants.meter.id, pack: B.purchase.packId, endpoint: endpoint.id, purchase: B.purchase.id, invoice: B.invoice.id, customer: B.customer.id };
  }, 120_000);
  afterAll(() => signInAs(null));

  it("finds the server actions on disk", () => {
    expect(files).toContain("app/admin/api-keys/actions.ts");
    expect(files).toContain("app/(portal)/limits/actions.ts");
    expect(files).toContain("app/admin/customers/[id]/credit-actions.ts");
  });

  it.each(files)("%s: each action refuses the wrong actor and writes nothing", async (file) => {
    const mod = (await import(/* @vite-ignore */ absolute(file))) as Record<string, unknown>;
    const actions = Object.entries(mod).filter(([, v]) => typeof v === "function") as [string, Action][];
    expect(actions.length, `${file} exports no action`).toBeGreaterThan(0);
    const admin = file.startsWith("app/admin/");
    const problems: string[] = [];
    for (const [name, fn] of actions) {
      const before = await fingerprint();
      const traces = await globalTraces();
      const actors = admin ? ([["A's member", A.member], ["signed out", null]] as const) : ([["signed out", null]] as const);
      for (const [who, user] of actors) {
        for (const id of Object.values(ids)) {
          for (const variant of VARIANTS) {
            signInAs(user);
            const o = await outcome(fn, formFor(id, variant));
            if (o !== "refused" && !PUBLIC_ACTIONS.has(file)) problems.push(`${name} as ${who} (id ${id}, ${JSON.stringify(variant)}): ${o}`);
          }
        }
      }
      if (!admin) {
        // A's member with B's ids: may act on A (its own), never on B.
        const bBefore = await customerRowsFingerprint((sql, p) => pool().query(sql, p), [B.customer.id]);
        for (const id of Object.values(ids)) {
          for (const variant of VARIANTS) {
            signInAs(A.member);
            await outcome(fn, formFor(id, variant));
          }
        }
        const bAfter = await customerRowsFingerprint((sql, p) => pool().query(sql, p), [B.customer.id]);
        if (JSON.stringify(bAfter) !== JSON.stringify(bBefore)) problems.push(`${name} as A's member changed B's rows: ${diff(bBefore, bAfter)}`);
      } else {
        const after = await fingerprint();
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${name}: changed rows ${diff(before, after)}`);
        const tracesAfter = await globalTraces();
        if (JSON.stringify(tracesAfter) !== JSON.stringify(traces)) problems.push(`${name}: left ${JSON.stringify(tracesAfter)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  // Last, since it writes: the probes are valid enough that, made by an admin, they do what they ask.
  it("can fail: the same probes as an admin succeed, and their writes are seen", async () => {
    const keys = (await import("@/app/admin/api-keys/actions")) as unknown as Record<string, Action>;
    const credits = (await import("@/app/admin/customers/[id]/credit-actions")) as unknown as Record<string, Action>;
    const traces = await globalTraces();
    const before = await fingerprint();
    signInAs(admin);
    expect(await outcome(keys.createApiKeyAction, formFor(ids.customer, VARIANTS[1]))).toMatch(/^succeeded/);
    expect((await globalTraces()).apiKeys).toBe(traces.apiKeys + 1);
    expect(await outcome(credits.adjustCreditsAction, formFor(ids.customer, VARIANTS[0]))).toMatch(/^succeeded/);
    expect(diff(before, await fingerprint())).toMatch(/credit_ledger/);
    signInAs(null);
  });

  it("a member's refused invoice payment names nothing of B's", async () => {
    const mod = (await import("@/app/(portal)/invoices/actions")) as unknown as Record<string, Action>;
    signInAs(A.member);
    const form = new FormData();
    form.set("invoiceId", B.invoice.id);
    const state = (await mod.payInvoiceAction(null, form)) as { error?: string };
    expect(state.error).toBeTruthy();
    for (const s of B.secrets.filter((x) => x !== B.invoice.id)) expect(state.error).not.toContain(s);
  });
});

function diff(a: Record<string, string>, b: Record<string, string>): string {
  return Object.keys({ ...a, ...b })
    .filter((k) => a[k] !== b[k])
    .map((k) => `${k}: ${a[k]} -> ${b[k]}`)
    .join("; ");
}
