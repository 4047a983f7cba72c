import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";

const optional = (s: z.ZodType) => z.preprocess((v) => (v === "" || v === null ? undefined : v), s.optional());
const day = /^\d{4}-\d{2}-\d{2}$/;
/** A UTC date (YYYY-MM-DD: the whole day) or an ISO timestamp. */
const when = z.string().refine((v) => day.test(v) || !Number.isNaN(Date.parse(v)), "must be a date (YYYY-MM-DD, UTC) or an ISO timestamp");

const schema = z.object({
  actor: optional(z.uuid("actor must be a user or API key id")),
  action: optional(z.string().max(100).regex(/^[a-z_]+(\.[a-z_]*)?$/, "action must be an action name such as invoice.voided, or a group such as invoice.")),
  customer: optional(z.uuid("customer must be a customer id")),
  target: optional(z.string().trim().max(200)),
  from: optional(when),
  to: optional(when),
  before: optional(z.string().regex(/^\d{1,19}$/, "before must be an audit row id")),
});

export type AuditLogFilters = {
  actorId?: string;
  action?: string;
  customerId?: string;
  target?: string;
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** Keyset cursor: rows with a smaller id (older). */
  before?: bigint;
};

/** The audit log page's query string as filters; a bad value is a 422 naming the field and the rule. */
export function parseAuditLogFilters(params: Record<string, string | string[] | undefined>): AuditLogFilters {
  const flat = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = schema.safeParse(flat);
  if (!parsed.success) throw new AppError("UNPROCESSABLE", "The audit log filters are not valid", { problems: zodProblems(parsed.error) });
  const f = parsed.data as Record<string, string | undefined>;
  const to = f.to ? (day.test(f.to) ? new Date(Date.parse(`${f.to}T00:00:00Z`) + 86_400_000) : new Date(f.to)) : undefined;
  return {
    actorId: f.actor,
    action: f.action,
    customerId: f.customer,
    target: f.target || undefined,
    from: f.from ? new Date(day.test(f.from) ? `${f.from}T00:00:00Z` : f.from) : undefined,
    to,
    before: f.before ? BigInt(f.before) : undefined,
  };
}
