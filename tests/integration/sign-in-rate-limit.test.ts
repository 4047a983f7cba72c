import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authOptions } from "@/lib/auth/auth-options";
import { upsertUser } from "@/lib/seed/factories";
import { attemptSignIn, SignInLockedError } from "@/lib/security/sign-in/attempt-sign-in";
import { lockedRetryAfterSeconds, signInErrorMessage } from "@/lib/security/sign-in/sign-in-locked";

// Read by securityEnv() on first use, in this file's process only.
process.env.SIGNIN_MAX_FAILURES_PER_ACCOUNT = "3";
process.env.SIGNIN_MAX_FAILURES_PER_IP = "6";
process.env.SIGNIN_LOCKOUT_MINUTES = "15";

const PASSWORD = "right-password-1";
const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 6)}`;
const email = () => `signin-${randomUUID().slice(0, 8)}@example.test`;

async function user() {
  return upsertUser({ email: email(), password: PASSWORD });
}

/** What an attempt answers: "ok", "wrong" (null) or the locked-out error's message. */
async function outcome(p: Promise<unknown>): Promise<string> {
  try {
    return (await p) ? "ok" : "wrong";
  } catch (e) {
    if (e instanceof SignInLockedError) return e.message;
    throw e;
  }
}

/** The real authorize() next-auth calls, with the request shape it passes (headers as a plain object). */
function authorize(credentials: { email: string; password: string }, headers: Record<string, string>) {
  const provider = authOptions.providers[0] as unknown as { options: { authorize: (c: unknown, r: unknown) => Promise<unknown> } };
  return provider.options.authorize(credentials, { headers, body: credentials, query: {}, method: "POST" });
}

describe("sign-in rate limits", () => {
  it("locks an account after 3 failures, whatever the address, and says for how long", async () => {
    const u = await user();
    const from = ip();
    expect(await outcome(attemptSignIn({ email: u.email, password: "nope", ip: from }))).toBe("wrong");
    expect(await outcome(attemptSignIn({ email: u.email, password: "nope", ip: ip() }))).toBe("wrong");
    const third = await outcome(attemptSignIn({ email: u.email, password: "nope", ip: ip() }));
    expect(lockedRetryAfterSeconds(third)).toBe(15 * 60);
    // Locked: even the right password from a fresh address is refused, with the time left.
    const after = await outcome(attemptSignIn({ email: u.email, password: PASSWORD, ip: ip() }));
    const left = lockedRetryAfterSeconds(after);
    expect(left).toBeGreaterThan(14 * 60);
    expect(left).toBeLessThanOrEqual(15 * 60);
    expect(signInErrorMessage(after)).toMatch(/^Too many failed sign-in attempts\. Try again in 15 minutes \(after \d\d:\d\d UTC\)\.$/);
    // Another account is not affected.
    const other = await user();
    expect(await outcome(attemptSignIn({ email: other.email, password: PASSWORD, ip: ip() }))).toBe("ok");
  });

  it("locks an address after 6 failures across different emails; other addresses still sign in", async () => {
    const from = ip();
    for (let i = 1; i <= 5; i++) expect(await outcome(attemptSignIn({ email: email(), password: "nope", ip: from }))).toBe("wrong");
    expect(lockedRetryAfterSeconds(await outcome(attemptSignIn({ email: email(), password: "nope", ip: from })))).toBe(15 * 60);
    const u = await user();
    expect(lockedRetryAfterSeconds(await outcome(attemptSignIn({ email: u.email, password: PASSWORD, ip: from })))).toBeGreaterThan(0);
    expect(await outcome(attemptSignIn({ email: u.email, password: PASSWORD, ip: ip() }))).toBe("ok");
  });

  it("a success clears the account's failures", async () => {
    const u = await user();
    for (let round = 0; round < 3; round++) {
      expect(await outcome(attemptSignIn({ email: u.email, password: "nope", ip: ip() }))).toBe("wrong");
      expect(await outcome(attemptSignIn({ email: u.email, password: "nope", ip: ip() }))).toBe("wrong");
      expect(await outcome(attemptSignIn({ email: u.email, password: PASSWORD, ip: ip() }))).toBe("ok");
    }
  });

  it("answers an unknown email exactly as a wrong password: same answers, same lockout, same time class", async () => {
    const known = await user();
    const unknown = email();
    const answers = async (e: string) => {
      const out: string[] = [];
      for (let i = 0; i < 4; i++) out.push(await outcome(attemptSignIn({ email: e, password: "nope", ip: ip() })));
      return out.map((o) => (lockedRetryAfterSeconds(o) ? "locked" : o));
    };
    expect(await answers(unknown)).toEqual(["wrong", "wrong", "locked", "locked"]);
    expect(await answers(known.email)).toEqual(["wrong", "wrong", "locked", "locked"]);

    // Timing: both run a bcrypt compare. Without the dummy hash an unknown email answers some 30x faster.
    const knownEmails = await Promise.all([1, 2, 3, 4, 5].map(async () => (await user()).email));
    const median = async (emails: string[]) => {
      const ms: number[] = [];
      for (const e of emails) {
        const t = performance.now();
        expect(await outcome(attemptSignIn({ email: e, password: "nope", ip: ip() }))).toBe("wrong");
        ms.push(performance.now() - t);
      }
      return ms.sort((a, b) => a - b)[2];
    };
    const tKnown = await median(knownEmails);
    const tUnknown = await median([1, 2, 3, 4, 5].map(() => email()));
    expect(tUnknown / tKnown).toBeGreaterThan(0.4);
    expect(tUnknown / tKnown).toBeLessThan(2.5);
  });

  it("authorize() reads the address next-auth hands it (the last X-Forwarded-For hop) and trims the email", async () => {
    const u = await user();
    const hop = ip();
    const headers = { "x-forwarded-for": `198.51.100.7, ${hop}` };
    for (let i = 0; i < 5; i++) expect(await authorize({ email: email(), password: "nope" }, headers)).toBeNull();
    await expect(authorize({ email: email(), password: "nope" }, headers)).rejects.toThrow(SignInLockedError);
    await expect(authorize({ email: ` ${u.email.toUpperCase()} `, password: PASSWORD }, headers)).rejects.toThrow(SignInLockedError);
    await expect(authorize({ email: ` ${u.email.toUpperCase()} `, password: PASSWORD }, { "x-forwarded-for": ip() })).resolves.toMatchObject({ id: u.id });
  });
});
