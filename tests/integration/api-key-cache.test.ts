import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/route";
import { KEY_REVOKED_CHANNEL, revocationsHeard } from "@/lib/api-keys/key-revocations";
import { pool } from "@/lib/db/client";
import { createTestApiKey } from "@/lib/seed/factories";
import { callRoute } from "../support/call-route";
import { meteredCustomer } from "../support/fixtures";
import { tag } from "../support/usage-fixtures";

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("API keys are cached only while revocations are heard", () => {
  it("answers from the cache, and a revocation by another instance (a notification) ends it at once", async () => {
    const c = await meteredCustomer();
    const key = await createTestApiKey({ name: `cache ${tag()}` });
    const send = () => callRoute(POST, { key: key.secret, body: { id: `k-${tag()}`, customer: c.customer.externalId, type: c.meter.eventType, properties: { tokens: 1, model: "m" } } });
    revocationsHeard();
    await until(revocationsHeard, "the revocation listener");
    expect((await send()).status).toBe(202);
    // Revoked in the database without telling anyone: the cached key still works (this is the cache).
    await pool().query("UPDATE api_keys SET revoked_at = now() WHERE id = $1", [key.id]);
    expect((await send()).status).toBe(202);
    // Another instance's revokeApiKey notifies in its transaction: from then on the key fails.
    await pool().query("SELECT pg_notify($1, $2)", [KEY_REVOKED_CHANNEL, key.id]);
    await until(async () => (await send()).status === 401, "the revoked key to be refused", 2000);
    expect((await send()).status).toBe(401);
  });
});
