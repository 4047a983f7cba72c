import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { POST as postEvents } from "@/app/api/v1/events/route";
import { GET as getUsage } from "@/app/api/v1/usage/route";
import { POST as postStripeMeterEvents } from "@/app/api/v1/stripe/v1/billing/meter_events/route";
import { GET as getCredits } from "@/app/api/v1/customers/[externalId]/credits/route";
import { cachedKey } from "@/lib/api-keys/active-key-cache";
import { authenticateApiKey } from "@/lib/api-keys/authenticate-api-key";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { hashApiKey } from "@/lib/api-keys/key-format";
import { listApiKeys } from "@/lib/api-keys/list-api-keys";
import { revocationsHeard } from "@/lib/api-keys/key-revocations";
import type { CurrentUser } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db/client";
import { pool } from "@/lib/db/pool";
import { ingestInWorker, stopIngestWorker } from "@/lib/metering/ingest-worker/ingest-worker-client";
import { createTestApiKey } from "@/lib/seed/factories";
import { ApiKeyTable } from "@/components/admin/api-key-table";
import { relativeTime } from "@/components/admin/last-used";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";
import { signInAs } from "../support/session";
import { adminUser, memberOf, tag } from "../support/usage-fixtures";

vi.mock("@/lib/auth/current-user", () => import("../support/session"));

type Metered = Awaited<ReturnType<typeof meteredCustomer>>;

const event = (c: Metered, id: string) => ({ id, customer: c.customer.externalId, type: c.meter.eventType, timestamp: new Date().toISOString(), properties: { tokens: 3, model: "m" } });
const post = (key: string, body: unknown) => callRoute(postEvents, { key, body });
const usage = (key: string, c: Metered) => callRoute(getUsage, { key, url: `http://localhost/api/v1/usage?${new URLSearchParams({ customer: c.customer.externalId, meter: c.meter.key })}` });
const credits = (key: string, c: Metered) => callRoute(getCredits, { key, params: { externalId: c.customer.externalId } });
const stored = async (c: Metered) => (await pool().query("SELECT count(*)::int AS n FROM usage_events WHERE customer_id = $1", [c.customer.id])).rows[0].n as number;

describe("API key scopes", () => {
  let admin: CurrentUser;
  let c: Metered;
  let keys: Record<"full" | "ingest" | "read", string>;
  beforeAll(async () => {
    admin = await adminUser();
    c = await meteredCustomer();
    const make = async (scope?: "FULL" | "INGEST" | "READ") => (await createApiKey(admin, { name: `${scope ?? "default"} ${c.tag}`, customerId: c.customer.id, scope })).secret;
    keys = { full: await make(), ingest: await make("INGEST"), read: await make("READ") };
  });
  afterAll(() => stopIngestWorker());

  it("is chosen at creation, full by default, and refused when unknown (422 naming scope)", async () => {
    const rows = await prisma.apiKey.findMany({ where: { name: { endsWith: c.tag } }, select: { name: true, scope: true } });
    expect(Object.fromEntries(rows.map((r) => [r.name.split(" ")[0], r.scope]))).toMatchObject({ default: "FULL", INGEST: "INGEST", READ: "READ" });
    await expect(createApiKey(admin, { name: "bad", scope: "ADMIN" })).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["scope"] })] });
    // Keys made before scopes existed (no scope given to the insert) are full: the migration's default.
    const legacy = await createTestApiKey({ name: `legacy ${tag()}` });
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: legacy.id } })).scope).toBe("FULL");
  });

  it("an ingest key sends usage and reads nothing: 403 insufficient_scope naming read", async () => {
    const sent = await post(keys.ingest, event(c, `ing-${tag()}`));
    expect(sent.status, JSON.stringify(sent.json)).toBe(202);
    for (const res of [await usage(keys.ingest, c), await credits(keys.ingest, c)]) {
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: "insufficient_scope", requiredScope: "read", keyScope: "ingest" });
      expect(res.json.error.message).toMatch(/needs a key with scope read or full/);
    }
  });

  it("a read key reads and sends nothing: 403 insufficient_scope naming ingest, nothing stored", async () => {
    expect((await usage(keys.read, c)).status).toBe(200);
    expect((await credits(keys.read, c)).status).toBe(200);
    const before = await stored(c);
    for (const body of [event(c, `rd-${tag()}`), { events: [event(c, `rd-${tag()}`), event(c, `rd-${tag()}`)] }]) {
      const res = await post(keys.read, body);
      expect(res.status).toBe(403);
      expect(res.json.error).toMatchObject({ code: "insufficient_scope", requiredScope: "ingest", keyScope: "read" });
    }
    // The scope is checked before the body is read: a malformed body from a read key is still 403.
    expect((await callRoute(postEvents, { key: keys.read, rawBody: "{ not json" })).status).toBe(403);
    expect(await stored(c)).toBe(before);
  });

  it("a read key cannot send Stripe-shaped meter events either", async () => {
    const res = await callRoute(postStripeMeterEvents, {
      key: keys.read,
      rawBody: new URLSearchParams({ event_name: c.meter.eventType, "payload[stripe_customer_id]": c.customer.externalId, "payload[value]": "5" }).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(403);
    expect((await post(keys.ingest, event(c, `ing2-${tag()}`))).status).toBe(202);
  });

  it("a full key does both", async () => {
    expect((await post(keys.full, event(c, `full-${tag()}`))).status).toBe(202);
    expect((await usage(keys.full, c)).status).toBe(200);
  });

  it("the ingest worker thread enforces it too", async () => {
    const before = await stored(c);
    const refused = await ingestInWorker(`Bearer ${keys.read}`, JSON.stringify(event(c, `w-${tag()}`)));
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).error).toMatchObject({ code: "insufficient_scope", requiredScope: "ingest" });
    expect((await ingestInWorker(`Bearer ${keys.ingest}`, JSON.stringify(event(c, `w-${tag()}`)))).status).toBe(202);
    expect(await stored(c)).toBe(before + 1);
  });

  it("comes through the active-key cache: a cached key keeps its scope, with no query", async () => {
    for (let i = 0; i < 60 && !revocationsHeard(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(revocationsHeard()).toBe(true);
    await authenticateApiKey(`Bearer ${keys.read}`);
    const hit = cachedKey(hashApiKey(keys.read), Date.now());
    expect(hit?.scope).toBe("READ");
    const queries = vi.spyOn(pool(), "query");
    try {
      expect(await authenticateApiKey(`Bearer ${keys.read}`)).toMatchObject({ kind: "apiKey", scope: "READ", customerId: c.customer.id });
      expect(queries).not.toHaveBeenCalled();
    } finally {
      queries.mockRestore();
    }
  });

  it("lists each key's scope and last use, relative and exact UTC; members cannot list keys", async () => {
    const listed = (await listApiKeys(admin)).filter((k) => k.name.endsWith(c.tag));
    const ingest = listed.find((k) => k.scope === "INGEST")!;
    expect(ingest.lastUsedAt).toBeInstanceOf(Date);
    const now = new Date(ingest.lastUsedAt!.getTime() + 3 * 3_600_000 + 5_000);
    const html = renderToStaticMarkup(ApiKeyTable({ keys: listed, revokeAction: async () => {}, now }));
    expect(html).toContain("Ingest only");
    expect(html).toContain("Read only");
    expect(html).toContain("3 hours ago");
    expect(html).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC/);
    expect(relativeTime(new Date(0), new Date(90_000))).toBe("1 minute ago");
    expect(relativeTime(new Date(0), new Date(20_000))).toBe("just now");
    signInAs(await memberOf(c.customer.id));
    await expect(listApiKeys(await memberOf(c.customer.id))).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
