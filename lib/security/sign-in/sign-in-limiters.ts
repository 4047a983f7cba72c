import "server-only";
import { createHash } from "node:crypto";
import type { Pool } from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { pool } from "@/lib/db/pool";
import { securityEnv } from "../security-env";

/** Failed sign-in counters in Postgres (table sign_in_attempts, made by a migration), shared by every app instance. */
export type SignInLimiters = { account: RateLimiterPostgres; ip: RateLimiterPostgres; lockoutSeconds: number };

let cached: { pool: Pool; limiters: SignInLimiters } | null = null;

export function signInLimiters(): SignInLimiters {
  const current = pool();
  if (cached?.pool === current) return cached.limiters;
  const env = securityEnv();
  const duration = env.SIGNIN_LOCKOUT_MINUTES * 60;
  const store = { storeClient: current, storeType: "pool", tableName: "sign_in_attempts", tableCreated: true, duration };
  const limiters: SignInLimiters = {
    account: new RateLimiterPostgres({ ...store, keyPrefix: "account", points: env.SIGNIN_MAX_FAILURES_PER_ACCOUNT }),
    ip: new RateLimiterPostgres({ ...store, keyPrefix: "ip", points: env.SIGNIN_MAX_FAILURES_PER_IP }),
    lockoutSeconds: duration,
  };
  cached = { pool: current, limiters };
  return limiters;
}

/** The account's counter key: a hash, so that the table holds no email addresses. */
export function accountKey(email: string): string {
  return createHash("sha256").update(email).digest("hex");
}
