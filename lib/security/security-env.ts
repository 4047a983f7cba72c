import { z } from "zod";

const whole = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number()
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`)
    .default(fallback);

/** The abuse limits (lib/security), parsed once from the environment. Every variable is listed in README.md. */
const schema = z.object({
  /** Failed sign-ins for one email within the window before it is locked out. */
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: whole("SIGNIN_MAX_FAILURES_PER_ACCOUNT", 1, 1000, 5),
  /** Failed sign-ins from one IP address, whatever the emails, within the window before it is locked out. */
  SIGNIN_MAX_FAILURES_PER_IP: whole("SIGNIN_MAX_FAILURES_PER_IP", 1, 100_000, 50),
  /** The window the failures are counted in, and how long a lockout lasts. */
  SIGNIN_LOCKOUT_MINUTES: whole("SIGNIN_LOCKOUT_MINUTES", 1, 24 * 60, 15),
  /** Requests per second per API key, sustained (per app instance; 0 turns the limit off). */
  API_RATE_LIMIT_PER_SECOND: whole("API_RATE_LIMIT_PER_SECOND", 0, 1_000_000, 5000),
  /** Requests per key allowed over the sustained rate within any 10 seconds (a burst). */
  API_RATE_LIMIT_BURST: whole("API_RATE_LIMIT_BURST", 0, 10_000_000, 10_000),
});

export type SecurityEnv = z.infer<typeof schema>;

let parsed: SecurityEnv | null = null;

export function securityEnv(): SecurityEnv {
  if (!parsed) {
    const result = schema.safeParse(process.env);
    if (!result.success) throw new Error(`Invalid environment: ${result.error.issues.map((i) => i.message).join("; ")}`);
    parsed = result.data;
  }
  return parsed;
}
