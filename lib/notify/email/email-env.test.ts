import { afterEach, describe, expect, it, vi } from "vitest";

const saved = { ...process.env };

async function freshEnv(vars: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(vars)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return (await import("@/lib/env")).env;
}

afterEach(() => {
  process.env = { ...saved };
  vi.resetModules();
});

describe("env: email", () => {
  it("sends no email without SMTP_URL and mails from the default sender", async () => {
    const env = (await freshEnv({ SMTP_URL: "", MAIL_FROM: undefined }))();
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.MAIL_FROM).toBe("Meterly <billing@meterly.local>");
  });

  it("accepts smtp:// and smtps:// URLs and a sender with or without a name", async () => {
    const env = (
      await freshEnv({ SMTP_URL: "smtps://u:p@mail.example.test:465", MAIL_FROM: "billing@example.test" })
    )();
    expect([env.SMTP_URL, env.MAIL_FROM]).toEqual([
      "smtps://u:p@mail.example.test:465",
      "billing@example.test",
    ]);
  });

  it("refuses a URL that is not SMTP and a sender that is not an address, naming the variable", async () => {
    await expect(freshEnv({ SMTP_URL: "http://127.0.0.1:2525" }).then((env) => env())).rejects.toThrow(
      /SMTP_URL: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
    );
    await expect(freshEnv({ MAIL_FROM: "Meterly billing" }).then((env) => env())).rejects.toThrow(
      /MAIL_FROM: MAIL_FROM must be an address/,
    );
  });
});
