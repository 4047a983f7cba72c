import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { POST as postEventsRoute } from "@/app/api/v1/events/route";
import { GET as getUsageRoute } from "@/app/api/v1/usage/route";
import { prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { BURST_WINDOW_SECONDS, createApiRateLimiter } from "@/lib/security/rate-limits/api-rate-limiter";
import { limitApiKey } from "@/lib/security/rate-limits/limit-api-key";
import { customerWithKey, meter } from "../support/usage-fixtures";

// Read on first use, in this file's process only: 2 requests a second per key, 3 more per 10 s.
process.env.API_RATE_LIMIT_PER_SECOND = "2";
process.env.API_RATE_LIMIT_BURST = "3";

type Answer = { status: number; retryAfter: string | null; json: any };

async function call(handler: (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>, req: Request): Promise<Answer> {
  const res = await handler(req, { params: Promise.resolve({}) });
  return { status: res.status, retryAfter: res.headers.get("retry-after"), json: await res.json() };
}

const postEvent = (key: string, customer: string, type: string, id: string) =>
  call(postEventsRoute, new Request("http://localhost/api/v1/events", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ id, customer, type, timestamp: new Date().toISOString(), properties: { value: 1 } }),
  }));

const getUsage = (key: string, customer: string, meterKey: string) =>
  call(getUsageRoute, new Request(`http://localhost/api/v1/usage?${new URLSearchParams({ customer, meter: meterKey })}`, { headers: { authorization: `Bearer ${key}` } }));

/** Sends until the first 429 (at most `max` requests); returns the answers. */
async function untilLimited(send: (i: number) => Promise<Answer>, max = 30): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < max; i++) {
    answers.push(await send(i));
    if (answers.at(-1)!.status === 429) break;
  }
  return answers;
}

describe("per-key API rate limit", () => {
  it("lets a key make perSecond requests a second plus a burst, then refuses with the wait", async () => {
    const limiter = createApiRateLimiter({ perSecond: 4, burst: 6 })!;
    for (let i = 0; i < 10; i++) await limitApiKey("key-a", limiter);
    const refused = await limitApiKey("key-a", limiter).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.status).toBe(429);
    expect(refused.toJSON().error).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1 });
    // Keys are counted apart.
    await expect(limitApiKey("key-b", limiter)).resolves.toBeUndefined();
    // The next second gives the rate again, but the burst is spent for the rest of its window.
    await new Promise((r) => setTimeout(r, 1100));
    for (let i = 0; i < 4; i++) await limitApiKey("key-a", limiter);
    await expect(limitApiKey("key-a", limiter)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(BURST_WINDOW_SECONDS).toBe(10);
  });

  it("0 turns the limit off", async () => {
    expect(createApiRateLimiter({ perSecond: 0, burst: 0 })).toBeNull();
    await expect(limitApiKey("any", null)).resolves.toBeUndefined();
  });

  it("POST /api/v1/events answers 429 with Retry-After and a JSON error, and stores nothing of the refused request", async () => {
    const { customer, key } = await customerWithKey("ratelimit");
    const m = await meter("SUM");
    const ids = Array.from({ length: 30 }, () => `rl-${randomUUID()}`);
    const answers = await untilLimited((i) => postEvent(key.secret, customer.externalId, m.eventType, ids[i]));
    const last = answers.at(-1)!;
    expect(last.status).toBe(429);
    expect(answers.slice(0, -1).every((a) => a.status === 202)).toBe(true);
    expect(answers.length - 1).toBeGreaterThanOrEqual(5);
    expect(Number(last.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(last.json.error).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: Number(last.retryAfter) });
    expect(last.json.error.message).toMatch(/try again in \d+ s/);
    const stored = await prisma.usageEvent.count({ where: { customerId: customer.id, idempotencyKey: { in: ids } } });
    expect(stored).toBe(answers.length - 1);

    // Another key is not limited by this one's requests.
    const other = await customerWithKey("ratelimit-other");
    expect((await postEvent(other.key.secret, other.customer.externalId, m.eventType, `rl-${randomUUID()}`)).status).toBe(202);

    // After the wait it says, the key is served again.
    await new Promise((r) => setTimeout(r, Number(last.retryAfter) * 1000 + 100));
    expect((await postEvent(key.secret, customer.externalId, m.eventType, `rl-${randomUUID()}`)).status).toBe(202);
  });

  it("the other /api/v1 routes (apiKeyRoute) answer 429 the same way", async () => {
    const { customer, key } = await customerWithKey("ratelimit-read");
    const m = await meter("SUM");
    const answers = await untilLimited(() => getUsage(key.secret, customer.externalId, m.key));
    const last = answers.at(-1)!;
    expect(answers.slice(0, -1).every((a) => a.status === 200)).toBe(true);
    expect(last.status).toBe(429);
    expect(last.retryAfter).toMatch(/^\d+$/);
    expect(last.json.error.code).toBe("RATE_LIMITED");
  });

  it("an unknown key is answered 401, not counted against anyone", async () => {
    const res = await postEvent("mk_test_unknown", "nobody", "none", "x");
    expect(res.status).toBe(401);
    expect(res.retryAfter).toBeNull();
  });
});
