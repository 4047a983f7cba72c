import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as listRoute, POST as createRoute } from "@/app/api/admin/webhooks/route";
import { createEndpointAction, replayAction, resendDeliveryAction, rotateSecretAction, setEndpointEnabledAction } from "@/app/admin/webhooks/actions";
import { prisma } from "@/lib/db/client";
import { recordNotification, type NotificationKind } from "@/lib/notifications/record-notification";
import { upsertCustomer } from "@/lib/seed/factories";
import type { CurrentUser } from "@/lib/auth/current-user";
import { callRoute } from "@/tests/support/call-route";
import { signInAs } from "@/tests/support/session";
import { adminUser, memberOf } from "@/tests/support/usage-fixtures";
import { startWebhookReceiver, type ReceiverAnswer, type ReceivedWebhook, type WebhookReceiver } from "@/tests/support/webhook-receiver";
import { createWebhookEndpoint } from "./create-webhook-endpoint";
import { deliverDueWebhooks } from "./deliver-due-webhooks";
import { fanOutNotifications } from "./fan-out-notifications";
import { listDeliveries } from "./list-deliveries";
import { replayDeliveries, replayInput } from "./replay-deliveries";
import { resendDelivery } from "./resend-delivery";
import { rotateWebhookSecret } from "./rotate-webhook-secret";
import { setWebhookEndpointEnabled } from "./set-webhook-endpoint-enabled";

vi.mock("@/lib/auth/current-user", () => import("@/tests/support/session"));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
const adminEmails = vi.hoisted(() => [] as { subject: string; text: string }[]);
vi.mock("@/lib/notify/email/send-admin-email", () => ({
  sendAdminEmail: async (m: { subject: string; text: string }) => {
    adminEmails.push(m);
    return { sentTo: ["admin@example.test"] };
  },
}));

// The receivers here listen on loopback.
process.env.WEBHOOKS_ALLOW_PRIVATE = "1";

const SECOND = 1000;
let admin: CurrentUser;
const receivers: WebhookReceiver[] = [];
const endpoints: string[] = [];

beforeAll(async () => {
  admin = await adminUser();
});
beforeEach(() => signInAs(admin));
afterEach(async () => {
  // Off when done, so later tests' fan-outs and sweeps leave this test's endpoints alone.
  await prisma.webhookEndpoint.updateMany({ where: { id: { in: endpoints } }, data: { enabled: false } });
});
afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

async function receiver(answer?: (req: ReceivedWebhook, n: number) => ReceiverAnswer) {
  const r = await startWebhookReceiver(answer);
  receivers.push(r);
  return r;
}

/** An endpoint at `url` subscribed to a kind only this file produces, so other tests' events never reach it. */
async function endpoint(url: string, eventTypes: string[] = ["credits.purchased"]) {
  const e = await createWebhookEndpoint(admin, { url, eventTypes, description: "test" }, { allowPrivate: true });
  endpoints.push(e.id);
  return e;
}

async function customer() {
  const t = randomUUID().slice(0, 8);
  return upsertCustomer({ externalId: `wh-${t}`, name: `Webhooks ${t}` });
}

async function notify(customerId: string, kind: NotificationKind = "credits.purchased", payload: Record<string, unknown> = { credits: { amountMinor: 1000, currency: "USD" } }) {
  await prisma.$transaction((tx) => recordNotification(tx, customerId, kind, payload));
}

/** Runs the delivery sweep at `now` until nothing more is due. */
async function drain(now: Date) {
  let total = 0;
  for (let i = 0; i < 20; i++) {
    const n = await deliverDueWebhooks({ now });
    total += n;
    if (n === 0) break;
  }
  return total;
}

/**
 * Other test files record notifications of the same kinds at the same time, and this file's fan-outs send
 * them to whichever of its endpoints is on: so every assertion looks at one customer's deliveries and
 * requests, and receivers script their answers per customer (anyone else gets a 200).
 */
const deliveriesOf = (endpointId: string, customerId: string) => prisma.webhookDelivery.findMany({ where: { endpointId, customerId }, orderBy: { sequence: "asc" } });
const mine = (r: WebhookReceiver, customerId: string) => r.received.filter((x) => x.json?.data?.customer?.id === customerId);

/** A receiver answering the customer's requests with `answers` in turn (then 200), and anyone else's 200. */
function receiverFor(customerId: string, answers: ReceiverAnswer[] | ((req: ReceivedWebhook) => ReceiverAnswer)) {
  let n = 0;
  return receiver((req) => {
    if (req.json?.data?.customer?.id !== customerId) return { status: 200 };
    const k = n++;
    return typeof answers === "function" ? answers(req) : (answers[k] ?? { status: 200 });
  });
}

const logOf = async (endpointId: string, customerId: string) => (await listDeliveries(admin, endpointId, { limit: 500 })).filter((d) => d.customerId === customerId);

describe("webhook delivery", () => {
  it("signs each event so the standardwebhooks client verifies it, with the documented payload", async () => {
    const c = await customer();
    const r = await receiver();
    const e = await endpoint(r.url);
    expect(e.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    await notify(c.id);
    await fanOutNotifications();
    await drain(new Date());

    expect(mine(r, c.id)).toHaveLength(1);
    const [got] = mine(r, c.id);
    const verified = new Webhook(e.secret).verify(got.body, got.headers) as any;
    expect(verified).toEqual(got.json);
    expect(verified).toMatchObject({
      type: "credits.purchased",
      id: expect.stringMatching(new RegExp(`^evt_${c.id}_\\d+$`)),
      data: { customer: { id: c.id, externalId: c.externalId }, sequence: 1, credits: { amountMinor: 1000, currency: "USD" } },
    });
    expect(new Date(verified.timestamp).toString()).not.toBe("Invalid Date");
    expect(got.headers["webhook-id"]).toBe(verified.id);
    // A tampered body or a wrong secret does not verify.
    expect(() => new Webhook(e.secret).verify(got.body.replace("1000", "9999"), got.headers)).toThrow();
    expect(() => new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(got.body, got.headers)).toThrow();
    const [d] = await deliveriesOf(e.id, c.id);
    expect(d).toMatchObject({ status: "SUCCEEDED", attempts: 1, lastStatusCode: 200 });
  });

  it("retries a 500 on the schedule (5 s, with jitter) and logs both attempts", async () => {
    const c = await customer();
    const r = await receiverFor(c.id, [{ status: 500, body: "boom" }, { status: 200, body: "thanks" }]);
    const e = await endpoint(r.url);
    await notify(c.id);
    await fanOutNotifications();
    const t0 = new Date();
    await drain(t0);
    expect(mine(r, c.id)).toHaveLength(1);
    const [pending] = await deliveriesOf(e.id, c.id);
    expect(pending.status).toBe("PENDING");
    const delay = pending.nextAttemptAt.getTime() - t0.getTime();
    expect(delay).toBeGreaterThanOrEqual(4.5 * SECOND);
    expect(delay).toBeLessThanOrEqual(5.5 * SECOND);

    await drain(new Date(t0.getTime() + 4 * SECOND));
    expect(mine(r, c.id), "not before the schedule says").toHaveLength(1);
    const t1 = new Date(t0.getTime() + 6 * SECOND);
    await drain(t1);
    const got = mine(r, c.id);
    expect(got).toHaveLength(2);
    expect(got[1].headers["webhook-timestamp"]).toBe(String(Math.floor(t1.getTime() / 1000)));
    expect(got[1].headers["webhook-id"]).toBe(got[0].headers["webhook-id"]);
    new Webhook(e.secret).verify(got[1].body, got[1].headers);

    const [log] = await logOf(e.id, c.id);
    expect(log.status).toBe("SUCCEEDED");
    expect(log.attempts.map((a) => [a.attempt, a.statusCode, a.responseBody])).toEqual([
      [2, 200, "thanks"],
      [1, 500, "boom"],
    ]);
    expect(log.attempts.every((a) => a.latencyMs >= 0)).toBe(true);
  });

  it("keeps only the first 2 KB of an answer", async () => {
    const c = await customer();
    const r = await receiver(() => ({ status: 200, body: "x".repeat(10_000) }));
    const e = await endpoint(r.url);
    await notify(c.id);
    await fanOutNotifications();
    await drain(new Date());
    const [log] = await logOf(e.id, c.id);
    expect(log.attempts[0].responseBody).toHaveLength(2048);
  });

  it("turns the endpoint off on 410 Gone", async () => {
    const c = await customer();
    const r = await receiverFor(c.id, [{ status: 410 }]);
    const e = await endpoint(r.url);
    await notify(c.id);
    await fanOutNotifications();
    await drain(new Date());
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } });
    expect(row).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("410") });
    expect((await deliveriesOf(e.id, c.id))[0].status).toBe("FAILED");
  });

  it("honours Retry-After on 503 and 429", async () => {
    for (const status of [503, 429]) {
      const c = await customer();
      const r = await receiverFor(c.id, [{ status, headers: { "retry-after": "120" } }]);
      const e = await endpoint(r.url);
      await notify(c.id);
      await fanOutNotifications();
      const t0 = new Date();
      await drain(t0);
      const [d] = await deliveriesOf(e.id, c.id);
      expect(d.nextAttemptAt.getTime() - t0.getTime()).toBeGreaterThanOrEqual(120 * SECOND);
      await drain(new Date(t0.getTime() + 60 * SECOND));
      expect(mine(r, c.id), `${status}: the schedule's 5 s gives way to Retry-After`).toHaveLength(1);
      await drain(new Date(t0.getTime() + 121 * SECOND));
      expect(mine(r, c.id)).toHaveLength(2);
    }
  });

  it("turns off an endpoint failing for 5 days straight and emails the admins", async () => {
    const c = await customer();
    const r = await receiver(() => ({ status: 500 }));
    const e = await endpoint(r.url);
    await notify(c.id);
    await fanOutNotifications();
    const t0 = new Date();
    await drain(t0);
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })).failingSince).toEqual(t0);
    // Another event fails 4 days later: still on.
    await notify(c.id);
    await fanOutNotifications();
    await prisma.webhookDelivery.updateMany({ where: { endpointId: e.id }, data: { status: "FAILED" } });
    await prisma.webhookDelivery.updateMany({ where: { endpointId: e.id, customerId: c.id, sequence: 2 }, data: { status: "PENDING", nextAttemptAt: t0 } });
    await drain(new Date(t0.getTime() + 4 * 24 * 3600 * SECOND));
    expect(mine(r, c.id)).toHaveLength(2);
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })).enabled).toBe(true);
    await drain(new Date(t0.getTime() + 5 * 24 * 3600 * SECOND + SECOND));
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } });
    expect(row).toMatchObject({ enabled: false, disabledReason: expect.stringContaining("5 days") });
    expect(adminEmails.some((m) => m.subject.includes(r.url) && m.text.includes(`/admin/webhooks/${e.id}`))).toBe(true);
  });

  it("during a rotation signs with both secrets for 24 hours, then with the new one only", async () => {
    const c = await customer();
    const r = await receiver();
    const e = await endpoint(r.url);
    const rotated = await rotateWebhookSecret(admin, e.id);
    expect(rotated.secret).not.toBe(e.secret);
    expect(rotated.rotatingUntil).not.toBeNull();
    await notify(c.id);
    await fanOutNotifications();
    await drain(new Date());
    const [got] = mine(r, c.id);
    expect(got.headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(got.headers["webhook-signature"]).toMatch(/^v1,\S+ v1,\S+$/);
    new Webhook(rotated.secret).verify(got.body, got.headers);
    new Webhook(e.secret).verify(got.body, got.headers);

    // A rotation 24 hours and a minute ago: the old secret has stopped signing.
    const c2 = await customer();
    const r2 = await receiver();
    const e2 = await endpoint(r2.url);
    const rotated2 = await rotateWebhookSecret(admin, e2.id, new Date(Date.now() - 24 * 3600 * SECOND - 60 * SECOND));
    await notify(c2.id);
    await fanOutNotifications();
    await drain(new Date());
    const [got2] = mine(r2, c2.id);
    expect(got2.headers["webhook-signature"].split(" ")).toHaveLength(1);
    new Webhook(rotated2.secret).verify(got2.body, got2.headers);
    expect(() => new Webhook(e2.secret).verify(got2.body, got2.headers)).toThrow(/No matching signature/);
  });

  it("delivers a customer's events in order: a later one waits while an earlier one is retrying", async () => {
    const c = await customer();
    const other = await customer();
    const r = await receiverFor(c.id, [{ status: 500 }]);
    await endpoint(r.url);
    for (let i = 0; i < 3; i++) await notify(c.id);
    await notify(other.id);
    await fanOutNotifications();
    const t0 = new Date();
    await drain(t0);
    const seqs = (cid: string) => mine(r, cid).map((x) => x.json.data.sequence);
    expect(seqs(c.id), "2 and 3 wait behind the failed 1").toEqual([1]);
    expect(seqs(other.id), "another customer's line is not held up").toEqual([1]);
    await drain(new Date(t0.getTime() + 6 * SECOND));
    expect(seqs(c.id)).toEqual([1, 1, 2, 3]);
  });

  it("refuses an endpoint URL that resolves to a private address unless allowed", async () => {
    for (const url of ["http://127.0.0.1:9/x", "http://localhost:9/x", "http://10.1.2.3/x", "http://[::1]:9/x", "http://169.254.169.254/latest"]) {
      const refused = createWebhookEndpoint(admin, { url }, { allowPrivate: false });
      await expect(refused, url).rejects.toMatchObject({ code: "UNPROCESSABLE", problems: [expect.objectContaining({ field: "url", rule: "private_address" })] });
    }
    const allowed = await createWebhookEndpoint(admin, { url: "http://127.0.0.1:9/x" }, { allowPrivate: true });
    endpoints.push(allowed.id);
    expect(allowed.url).toBe("http://127.0.0.1:9/x");
  });

  it("does not send to an endpoint that resolves to a private address by the time of the attempt", async () => {
    const c = await customer();
    const r = await receiver();
    const e = await endpoint(r.url);
    await notify(c.id);
    await fanOutNotifications();
    await deliverDueWebhooks({ now: new Date(), allowPrivate: false });
    expect(r.received).toHaveLength(0);
    const [log] = await logOf(e.id, c.id);
    expect(log.attempts[0]).toMatchObject({ statusCode: null, error: expect.stringContaining("private address") });
  });

  it("logs a secret that no longer decrypts as a failed attempt and retries it, rather than failing silently", async () => {
    const c = await customer();
    const r = await receiver();
    const e = await endpoint(r.url);
    const other = await createWebhookEndpoint(admin, { url: r.url, eventTypes: ["auto_recharge.succeeded"] }, { allowPrivate: true });
    endpoints.push(other.id);
    // Sealed under another NEXTAUTH_SECRET: the GCM tag does not match.
    const sealed = Buffer.from((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: other.id } })).secretEncrypted.slice(3), "base64");
    sealed[sealed.length - 1] ^= 1;
    await prisma.webhookEndpoint.update({ where: { id: e.id }, data: { secretEncrypted: `v1:${sealed.toString("base64")}` } });
    await notify(c.id);
    await fanOutNotifications();
    await drain(new Date());
    expect(mine(r, c.id)).toHaveLength(0);
    const [log] = await logOf(e.id, c.id);
    expect(log).toMatchObject({ status: "PENDING", attempts: [expect.objectContaining({ statusCode: null, error: expect.stringContaining("could not sign") })] });
  });

  it("two fan-outs and two sweeps at once make one delivery and send it once", async () => {
    const c = await customer();
    const r = await receiver();
    const e = await endpoint(r.url);
    await notify(c.id);
    await Promise.all([fanOutNotifications(), fanOutNotifications(), fanOutNotifications()]);
    expect(await deliveriesOf(e.id, c.id)).toHaveLength(1);
    const seq = await prisma.webhookSequence.findUniqueOrThrow({ where: { customerId: c.id } });
    expect(seq.lastSequence, "the event got one sequence number").toBe(1n);
    const now = new Date();
    await Promise.all([deliverDueWebhooks({ now }), deliverDueWebhooks({ now }), deliverDueWebhooks({ now })]);
    expect(mine(r, c.id)).toHaveLength(1);
  });

  it("sends only subscribed types; an endpoint with no types gets every event type but not internal kinds", async () => {
    const r = await receiver();
    const onlyPurchases = await endpoint(r.url, ["credits.purchased"]);
    const all = await endpoint(r.url, []);
    const c = await customer();
    await notify(c.id, "auto_recharge.failed", { reason: "card_declined" });
    await notify(c.id, "customer.account_suspended", {});
    await fanOutNotifications();
    expect(await deliveriesOf(onlyPurchases.id, c.id)).toHaveLength(0);
    expect((await deliveriesOf(all.id, c.id)).map((d) => d.eventType)).toEqual(["auto_recharge.failed"]);
  });

  it("resends one delivery and replays a time range with the same event ids", async () => {
    const c = await customer();
    const r = await receiver();
    const e = await endpoint(r.url);
    await notify(c.id);
    await notify(c.id);
    await fanOutNotifications();
    await drain(new Date());
    expect(mine(r, c.id)).toHaveLength(2);
    const [first] = await deliveriesOf(e.id, c.id);
    await resendDelivery(admin, e.id, first.id.toString());
    await drain(new Date());
    expect(mine(r, c.id)).toHaveLength(3);
    expect(mine(r, c.id)[2].headers["webhook-id"]).toBe(mine(r, c.id)[0].headers["webhook-id"]);
    await expect(resendDelivery(admin, randomUUID(), first.id.toString())).rejects.toMatchObject({ code: "NOT_FOUND" });

    const { replayed } = await replayDeliveries(admin, e.id, { from: new Date(Date.now() - 60_000).toISOString(), to: new Date(Date.now() + 1000).toISOString() });
    expect(replayed).toBeGreaterThanOrEqual(2);
    await drain(new Date());
    expect(mine(r, c.id).slice(3).map((x) => x.json.data.sequence)).toEqual([1, 2]);
    // A form's datetime-local values (no zone) are read as UTC.
    expect(replayInput.parse({ from: "2026-12-06T20:00", to: "2026-12-06T21:30:15" })).toEqual({ from: new Date("2026-12-06T20:00:00Z"), to: new Date("2026-12-06T21:30:15Z") });
    await expect(replayDeliveries(admin, e.id, { from: "2026-01-02", to: "2026-01-01" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["to"] })] });
  });
});

describe("webhook admin routes and actions", () => {
  const post = (body: unknown) => callRoute(createRoute, { method: "POST", body });

  it("adds an endpoint over the API: 201 with the secret once; the list never shows it", async () => {
    const res = await post({ url: "https://hooks.example.com/meterly", eventTypes: ["invoice.paid"], description: "ERP" });
    // example.com resolves publicly where DNS works; here it may not resolve at all (no network): both are fine.
    if (res.status === 422) {
      expect(res.json.error.problems[0]).toMatchObject({ field: "url", rule: "unresolvable" });
      return;
    }
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    endpoints.push(res.json.id);
    expect(res.json.secret).toMatch(/^whsec_/);
    const list = await callRoute(listRoute, {});
    const shown = list.json.endpoints.find((x: { id: string }) => x.id === res.json.id);
    expect(shown).toMatchObject({ url: "https://hooks.example.com/meterly", eventTypes: ["invoice.paid"] });
    expect(JSON.stringify(list.json)).not.toContain(res.json.secret);
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: res.json.id } });
    expect(row.secretEncrypted).not.toContain(res.json.secret.slice(6));
  });

  it.each([
    ["no url", {}, "url", "invalid_type"],
    ["an ftp url", { url: "ftp://hooks.example.com/x" }, "url", "invalid_format"],
    ["not a url", { url: "hooks" }, "url", "invalid_format"],
    ["an unknown event type", { url: "http://127.0.0.1:9/x", eventTypes: ["invoice.exploded"] }, "eventTypes.0", "invalid_value"],
    ["a repeated event type", { url: "http://127.0.0.1:9/x", eventTypes: ["invoice.paid", "invoice.paid"] }, "eventTypes", "custom"],
    ["a long description", { url: "http://127.0.0.1:9/x", description: "d".repeat(501) }, "description", "too_big"],
  ])("refuses %s with 422 naming the field and the rule", async (_what, body, field, rule) => {
    const res = await post(body);
    expect(res.status).toBe(422);
    expect(res.json.error.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
  });

  it("refuses members on the routes, the lib functions and the server actions", async () => {
    const c = await customer();
    const member = await memberOf(c.id);
    const r = await receiver();
    const e = await endpoint(r.url);
    signInAs(member);
    expect((await post({ url: r.url })).status).toBe(403);
    expect((await callRoute(listRoute, {})).status).toBe(403);
    await expect(setWebhookEndpointEnabled(member, e.id, false)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(rotateWebhookSecret(member, e.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listDeliveries(member, e.id)).rejects.toMatchObject({ code: "FORBIDDEN" });

    const form = (fields: Record<string, string>) => {
      const f = new FormData();
      for (const [k, v] of Object.entries(fields)) f.set(k, v);
      return f;
    };
    const before = await prisma.webhookEndpoint.count();
    expect(await createEndpointAction(null, form({ url: r.url, all: "on" }))).toMatchObject({ error: expect.stringMatching(/admin/i) });
    expect(await prisma.webhookEndpoint.count()).toBe(before);
    expect(await rotateSecretAction(null, form({ id: e.id }))).toMatchObject({ error: expect.stringMatching(/admin/i) });
    expect(await replayAction(null, form({ id: e.id, from: "2026-01-01T00:00", to: "2026-01-02T00:00" }))).toMatchObject({ error: expect.stringMatching(/admin/i) });
    await expect(setEndpointEnabledAction(form({ id: e.id, enabled: "false" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(resendDeliveryAction(form({ id: e.id, deliveryId: "1" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: e.id } })).enabled).toBe(true);
  });

  it("the add form's action answers the secret once and names a bad field", async () => {
    const f = new FormData();
    f.set("url", "ftp://x");
    f.set("all", "on");
    const bad = await createEndpointAction(null, f);
    expect(bad).toMatchObject({ fields: { url: expect.any(String) } });
    const r = await receiver();
    const ok = new FormData();
    ok.set("url", r.url);
    ok.append("eventTypes", "invoice.paid");
    ok.append("eventTypes", "credits.purchased");
    ok.set("description", "Accounting");
    const made = await createEndpointAction(null, ok);
    expect(made).toMatchObject({ secret: expect.stringMatching(/^whsec_/), endpointId: expect.any(String) });
    endpoints.push((made as { endpointId: string }).endpointId);
    const row = await prisma.webhookEndpoint.findUniqueOrThrow({ where: { id: (made as { endpointId: string }).endpointId } });
    expect(row.eventTypes).toEqual(["invoice.paid", "credits.purchased"]);
  });
});
