import { z } from "zod";

const unsetIfEmpty = <T extends z.ZodType>(t: T) => z.preprocess((v) => (v === "" ? undefined : v), t);

/** Environment, parsed once. Every variable is listed in README.md. */
const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z.string().url({ message: "DATABASE_URL must be a postgresql:// URL" }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    NEXTAUTH_SECRET: z.string().min(16).optional(),
    APP_URL: z.string().url().default("http://localhost:3000"),
    EVENT_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650).default(35),
    EVENT_MAX_FUTURE_MINUTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(24 * 60)
      .default(5),
    /** Stripe (lib/payments): unset key = payments off; STRIPE_API_BASE points the SDK at the local sandbox. */
    STRIPE_SECRET_KEY: unsetIfEmpty(
      z
        .string()
        .regex(
          /^(sk|rk)_(test|live)_/,
          "STRIPE_SECRET_KEY must be a Stripe secret key (sk_test_... or sk_live_...)",
        )
        .optional(),
    ),
    STRIPE_WEBHOOK_SECRET: unsetIfEmpty(
      z.string().min(8, "STRIPE_WEBHOOK_SECRET must be the endpoint's signing secret (whsec_...)").optional(),
    ),
    STRIPE_API_BASE: unsetIfEmpty(
      z.string().url({ message: "STRIPE_API_BASE must be a URL like http://127.0.0.1:12111" }).optional(),
    ),
    /** Background jobs (lib/jobs) in this instance: "off" leaves them to other instances. */
    METERLY_JOBS: z.enum(["on", "off"]).default("on"),
    /** Spike detection (lib/forecast): k, in scaled MADs over the hour-of-week baseline, and the least cost in minor units. */
    SPIKE_K: z.coerce.number().positive("SPIKE_K must be a positive number, e.g. 5").max(100).default(5),
    SPIKE_MIN_COST_MINOR: z.coerce
      .number()
      .int("SPIKE_MIN_COST_MINOR must be whole minor units, e.g. 100")
      .min(0)
      .default(100),
    /** Billing (lib/billing): how long a closed period's invoice stays a draft, and the invoice number prefix. */
    BILLING_GRACE_HOURS: z.coerce
      .number()
      .min(0)
      .max(24 * 31)
      .default(24),
    /** Dunning: days after the first failed charge on which it is retried; after the last, the invoice is uncollectible. */
    DUNNING_RETRY_DAYS: z
      .string()
      .regex(
        /^\s*(\d{1,3}\s*(,\s*\d{1,3}\s*)*)?$/,
        "DUNNING_RETRY_DAYS must be days separated by commas, e.g. 1,3,5,7 (empty: no retries)",
      )
      .default("1,3,5,7")
      .transform((v) =>
        v
          .split(",")
          .map((d) => d.trim())
          .filter(Boolean)
          .map(Number),
      )
      .refine(
        (days) => days.every((d, i) => i === 0 || d > days[i - 1]),
        "DUNNING_RETRY_DAYS must increase, e.g. 1,3,5,7",
      ),
    /** Dunning: "on" suspends a customer's ingestion (402 account_suspended) while an invoice of theirs is uncollectible. */
    DUNNING_SUSPEND: z.enum(["on", "off"]).default("off"),
    INVOICE_NUMBER_PREFIX: z
      .string()
      .regex(/^[A-Z0-9]{1,10}$/, "INVOICE_NUMBER_PREFIX must be 1-10 capital letters or digits")
      .default("MTR"),
    /** Email (lib/notify/email): the SMTP server mail goes through; unset = no email (npm start then runs a local catcher). */
    SMTP_URL: unsetIfEmpty(
      z
        .string()
        .regex(
          /^smtps?:\/\/[^/\s]+/,
          "SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587",
        )
        .optional(),
    ),
    MAIL_FROM: unsetIfEmpty(
      z
        .string()
        .regex(
          /^[^<>@\s]+@[^<>@\s]+$|<[^<>@\s]+@[^<>@\s]+>$/,
          "MAIL_FROM must be an address, e.g. Meterly <billing@example.com>",
        )
        .default("Meterly <billing@meterly.local>"),
    ),
    /** Outbound webhooks (lib/webhooks): "1" lets endpoints resolve to private or loopback addresses (demo, tests). */
    WEBHOOKS_ALLOW_PRIVATE: z
      .enum(["0", "1"], { message: "WEBHOOKS_ALLOW_PRIVATE must be 0 or 1" })
      .default("0"),
    /** Event ingestion in its own worker thread (lib/metering/ingest-worker): "auto" = inside the Next.js server. */
    INGEST_WORKER: z.enum(["auto", "on", "off"]).default("auto"),
  })
  .superRefine((e, ctx) => {
    // Payments that cannot verify their webhooks must not start: fail loudly rather than drop Stripe events.
    if (e.NODE_ENV === "production" && e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["STRIPE_WEBHOOK_SECRET"],
        message:
          "is required in production when STRIPE_SECRET_KEY is set (the webhook endpoint's signing secret)",
      });
    }
  });

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${problems}`);
  }
  cached = parsed.data;
  return cached;
}
