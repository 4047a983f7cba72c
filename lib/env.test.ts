import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function freshEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return (await import("./env")).env;
}

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

describe("env: payments", () => {
  it("refuses production with a Stripe key but no webhook secret, loudly", async () => {
    const env = await freshEnv({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_test_abc", STRIPE_WEBHOOK_SECRET: undefined });
    expect(() => env()).toThrow(/STRIPE_WEBHOOK_SECRET: is required in production/);
  });

  it("accepts production with both, development without the secret, and no Stripe at all (payments off)", async () => {
    expect((await freshEnv({ NODE_ENV: "production", STRIPE_SECRET_KEY: "sk_live_abc", STRIPE_WEBHOOK_SECRET: "whsec_abcdefgh" }))().STRIPE_WEBHOOK_SECRET).toBe("whsec_abcdefgh");
    expect((await freshEnv({ NODE_ENV: "development", STRIPE_SECRET_KEY: "sk_test_abc", STRIPE_WEBHOOK_SECRET: undefined }))().STRIPE_SECRET_KEY).toBe("sk_test_abc");
    expect((await freshEnv({ NODE_ENV: "production", STRIPE_SECRET_KEY: "", STRIPE_WEBHOOK_SECRET: undefined }))().STRIPE_SECRET_KEY).toBeUndefined();
  });

  it("refuses a key that is not a Stripe secret key and a base that is not a URL", async () => {
    await expect(freshEnv({ STRIPE_SECRET_KEY: "pk_test_abc" }).then((env) => env())).rejects.toThrow(/STRIPE_SECRET_KEY/);
    await expect(freshEnv({ STRIPE_API_BASE: "127.0.0.1:12111" }).then((env) => env())).rejects.toThrow(/STRIPE_API_BASE/);
  });
});
