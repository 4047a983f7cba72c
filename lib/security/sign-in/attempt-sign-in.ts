import "server-only";
import type { RateLimiterPostgres } from "rate-limiter-flexible";
import { prisma } from "@/lib/db/client";
import bcrypt from "bcryptjs";
import { accountKey, signInLimiters } from "./sign-in-limiters";
import { signInLockedCode } from "./sign-in-locked";

/** A bcrypt hash (cost 10, as lib/auth/password.ts hashes) of a random password no one knows: unknown emails are checked against it. */
const DUMMY_HASH = "$2b$10$4IWXW0LWkNL3zqOmarvj4uix/VLBl14Nrlf4twkEFqQkf/M0WSqEe";

export type SignedInUser = { id: string; email: string; name: string | null };

/** Thrown while an account or an IP address is locked out; its message is the sign-in page's `error` (sign-in-locked.ts). */
export class SignInLockedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(signInLockedCode(retryAfterSeconds));
    this.name = "SignInLockedError";
  }
}

/** Seconds left of a lockout on `key`, or 0 when it is not locked. */
async function lockedFor(limiter: RateLimiterPostgres, key: string): Promise<number> {
  const res = await limiter.get(key);
  return res && res.consumedPoints >= limiter.points ? Math.ceil(res.msBeforeNext / 1000) : 0;
}

/** Counts a failure; when it reaches the limit, locks the key for the lockout time and says so. */
async function countFailure(limiter: RateLimiterPostgres, key: string, lockoutSeconds: number): Promise<boolean> {
  const res = await limiter.penalty(key, 1);
  if (res.consumedPoints < limiter.points) return false;
  await limiter.block(key, lockoutSeconds);
  return true;
}

/**
 * Email and password sign-in with lockout: after SIGNIN_MAX_FAILURES_PER_ACCOUNT failures for one email,
 * or SIGNIN_MAX_FAILURES_PER_IP from one address (any emails), within SIGNIN_LOCKOUT_MINUTES, further
 * attempts throw SignInLockedError for that long, without checking the password. An unknown email and a
 * wrong password take the same path (a bcrypt compare, the same counters) and both answer null, so the
 * answer tells nothing of which emails exist. A success clears the account's counter (not the address's).
 */
export async function attemptSignIn(input: { email: string; password: string; ip: string }): Promise<SignedInUser | null> {
  const { account, ip, lockoutSeconds } = signInLimiters();
  const aKey = accountKey(input.email);
  const locked = Math.max(await lockedFor(account, aKey), await lockedFor(ip, input.ip));
  if (locked > 0) throw new SignInLockedError(locked);

  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true, email: true, name: true, passwordHash: true } });
  const matches = await bcrypt.compare(input.password, user?.passwordHash ?? DUMMY_HASH);
  if (user && matches) {
    await account.delete(aKey);
    return { id: user.id, email: user.email, name: user.name };
  }
  const [accountLocked, ipLocked] = await Promise.all([countFailure(account, aKey, lockoutSeconds), countFailure(ip, input.ip, lockoutSeconds)]);
  if (accountLocked || ipLocked) throw new SignInLockedError(lockoutSeconds);
  return null;
}
