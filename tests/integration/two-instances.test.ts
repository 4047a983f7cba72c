import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations } from "@/lib/db/migrations/apply-migrations";
import { startMailCatcher, type CaughtMessage, type MailCatcher } from "@/lib/notify/email/catcher/start-mail-catcher";
import { createScratchDatabase, type ScratchDatabase } from "../support/scratch-database";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";
import type { PaymentsHarness } from "../support/sandbox-harness";

/**
 * Two app instances on one database, each its own process (tools/chaos/instance.ts): their background job
 * runners race for the same work, which must happen exactly once (billing close, invoice collection jobs,
 * webhook deliveries, the email outbox); and a key revoked on one is refused by the other at once.
 * On a scratch database of its own, so the runners' global sweeps never touch other test files' data.
 */
let db: ScratchDatabase;
let h: PaymentsHarness;
let mail: MailCatcher;
let receiver: WebhookReceiver;
const caught: CaughtMessage[] = [];

const ENV_SET_HERE = ["DATABASE_URL", "WEBHOOKS_ALLOW_PRIVATE", "SMTP_URL", "STRIPE_SECRET_KEY", "STRIPE_API_BASE", "STRIPE_WEBHOOK_SECRET", "APP_URL"];
const envBefore = Object.fromEntries(ENV_SET_HERE.map((k) => [k, process.env[k]]));

beforeAll(async () => {
  db = await createScratchDatabase("two_instances");
  await applyMigrations({ connectionString: db.url });
  // Before anything reads env(): this file's lib calls, the sandbox's webhook route and the instances all use it.
  process.env.DATABASE_URL = db.url;
  process.env.WEBHOOKS_ALLOW_PRIVATE = "1";
  mail = await startMailCatcher({ onMessage: async (m) => void caught.push(m) });
  process.env.SMTP_URL = mail.url;
  const { startPaymentsHarness } = await import("../support/sandbox-harness");
  h = await startPaymentsHarness();
  receiver = await startWebhookReceiver();
  const { prisma } = await import("@/lib/db/client");
  const [{ name }] = await prisma.$queryRaw<{ name: string }[]>`SELECT current_database()::text AS name`;
  expect(name).toBe(db.name);
}, 120_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  const { closeDb } = await import("@/lib/db/client");
  await closeDb();
  await h?.close();
  await mail?.close();
  await receiver?.close();
  await db?.drop();
  for (const [k, v] of Object.entries(envBefore)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

const children: ChildProcess[] = [];

function instance(...args: string[]): ChildProcess {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "tools/chaos/instance.ts", ...args], {
    env: process.env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  children.push(child);
  return child;
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

const DAY = 86_400_000;

/**
 * Until the instances have nothing left to do: every period invoiced and finalized, no job or webhook
 * delivery waiting, the Stripe sandbox's webhooks delivered, and nothing changing for 3 s (up to 150 s).
 */
async function settled(customers: string[], invoices: number): Promise<void> {
  const { prisma } = await import("@/lib/db/client");
  let last = "";
  let same = 0;
  for (const until = Date.now() + 150_000; Date.now() < until; await new Promise((r) => setTimeout(r, 1000))) {
    await h.sandbox.webhooksIdle();
    const state = JSON.stringify({
      invoices: await prisma.invoice.groupBy({ by: ["status"], where: { customerId: { in: customers } }, _count: true, orderBy: { status: "asc" } }),
      jobs: await prisma.job.count({ where: { doneAt: null, failedAt: null, runAt: { lte: new Date() } } }),
      deliveries: await prisma.webhookDelivery.groupBy({ by: ["status"], _count: true, orderBy: { status: "asc" } }),
      emails: await prisma.notificationEmail.count(),
      received: receiver.received.length,
      caught: caught.length,
    });
    const finalized = await prisma.invoice.count({ where: { customerId: { in: customers }, status: { not: "DRAFT" } } });
    const quiet = finalized >= invoices && !state.includes('"PENDING"') && state.includes('"jobs":0');
    same = quiet && state === last ? same + 1 : 0;
    last = state;
    if (same >= 3) return;
  }
  const attempts = await prisma.invoicePaymentAttempt.findMany({ where: { customerId: { in: customers } } });
  throw new Error(`the instances did not settle: ${last} ${JSON.stringify(attempts, (_k, v) => (typeof v === "bigint" ? String(v) : v))}`);
}

describe("two app instances on one database", () => {
  it("run the billing close, collection jobs, webhook deliveries and emails exactly once between them", async () => {
    const { prisma } = await import("@/lib/db/client");
    const { createWebhookEndpoint } = await import("@/lib/webhooks/create-webhook-endpoint");
    const { WEBHOOK_EVENT_TYPES } = await import("@/lib/webhooks/event-types");
    const { saveInvoiceCard } = await import("../support/sandbox-harness");
    const { subscribe } = await import("../support/plan-fixtures");
    const { adminUser, customerWithKey, memberOf } = await import("../support/usage-fixtures");
    const admin = await adminUser();
    await createWebhookEndpoint(admin, { url: receiver.url, eventTypes: [...WEBHOOK_EVENT_TYPES] }, { allowPrivate: true });
    const customers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { customer } = await customerWithKey(`two-${i}`);
      await memberOf(customer.id);
      await subscribe(admin, customer.id, { baseFeeMinor: 2500 });
      if (i < 4) await saveInvoiceCard(h, customer.id, "4242424242424242");
      // Subscribed 75 days ago: two monthly periods have ended and are past their grace.
      const since = new Date(Date.now() - 75 * DAY);
      await prisma.subscription.updateMany({ where: { customerId: customer.id }, data: { startedAt: since, anchorAt: since } });
      customers.push(customer.id);
    }

    const runners = [instance("work", "150"), instance("work", "150")];
    const done = runners.map(exited);
    await settled(customers, 12);
    for (const r of runners) r.kill("SIGTERM");
    expect(await Promise.all(done)).toEqual([0, 0]);

    const invoices = await prisma.invoice.findMany({ where: { customerId: { in: customers } }, orderBy: { number: "asc" } });
    // Billing close: each customer's two ended periods invoiced once, finalized, numbered without repeats.
    expect(invoices).toHaveLength(12);
    expect(new Set(invoices.map((i) => `${i.customerId}|${i.periodStart.toISOString()}`)).size).toBe(12);
    expect(new Set(invoices.map((i) => i.number)).size).toBe(12);
    expect(invoices.filter((i) => i.status === "DRAFT")).toEqual([]);
    // Collection: one job per carded invoice, claimed once, done; one PaymentIntent each; paid.
    const carded = invoices.filter((i) => customers.indexOf(i.customerId) < 4);
    const jobs = await prisma.job.findMany({ where: { kind: "invoice.collect", key: { in: carded.map((i) => `invoice-collect:${i.id}:1`) } } });
    expect(jobs.map((j) => [j.attempts, j.doneAt !== null, j.failedAt])).toEqual(carded.map(() => [1, true, null]));
    const intents = h.sandbox.events().filter((e) => e.type === "payment_intent.created").map((e) => (e.data.object as { metadata?: Record<string, string> }).metadata?.meterly_invoice_id);
    for (const i of carded) expect(intents.filter((id) => id === i.id)).toHaveLength(1);
    expect(carded.map((i) => i.status)).toEqual(carded.map(() => "PAID"));
    // Webhooks: every delivery made, each received once.
    const deliveries = await prisma.webhookDelivery.findMany({ select: { id: true, status: true, attempts: true, lastError: true, lastStatusCode: true, eventType: true } });
    expect(deliveries.length).toBeGreaterThanOrEqual(12 * 2);
    expect(deliveries.filter((d) => d.status !== "SUCCEEDED")).toEqual([]);
    const ids = receiver.received.map((r) => r.headers["webhook-id"]);
    expect(ids).toHaveLength(deliveries.length);
    expect(new Set(ids).size).toBe(ids.length);
    // Email: every notification emailed to each member once.
    const sent = await prisma.notificationEmail.count({ where: { customerId: { in: customers } } });
    expect(sent).toBeGreaterThanOrEqual(12);
    expect(caught).toHaveLength(sent);
    expect(new Set(caught.map((m) => `${m.recipients.join(",")}|${m.subject}`)).size).toBe(caught.length);
  }, 180_000);

  it("honours an API key revoked on one instance at once on the other", async () => {
    const { createTestApiKey } = await import("@/lib/seed/factories");
    const { adminUser } = await import("../support/usage-fixtures");
    const admin = await adminUser();
    const [a, b] = [instance("keys"), instance("keys")];
    const ask = (child: ChildProcess) => {
      const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      return async (msg: object) => {
        child.stdin!.write(JSON.stringify(msg) + "\n");
        return JSON.parse((await lines.next()).value as string) as { status?: number; revoked?: boolean };
      };
    };
    const [onA, onB] = [ask(a), ask(b)];
    try {
      for (let round = 0; round < 5; round++) {
        const key = await createTestApiKey({ name: `two-instances ${round}` });
        expect([await onA({ auth: key.secret }), await onB({ auth: key.secret }), await onB({ auth: key.secret })]).toEqual([{ status: 200 }, { status: 200 }, { status: 200 }]);
        expect(await onA({ revoke: key.id, admin: admin.userId })).toEqual({ revoked: true });
        expect(await onB({ auth: key.secret })).toEqual({ status: 401 });
        expect(await onA({ auth: key.secret })).toEqual({ status: 401 });
      }
    } finally {
      a.stdin!.end();
      b.stdin!.end();
      await Promise.all([exited(a), exited(b)]);
    }
  }, 120_000);
});
