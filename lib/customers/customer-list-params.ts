import { z } from "zod";

/** The sorts the list offers, each a fixed ORDER BY (ties broken by id, so pages never overlap). */
export const CUSTOMER_SORTS = {
  name: "c.name",
  externalId: "c.external_id",
  balance: "COALESCE(w.balance_minor, 0)",
  spend: "COALESCE(sp.spend, 0)",
  created: "c.created_at",
} as const;

export type CustomerSort = keyof typeof CUSTOMER_SORTS;

export const PAGE_SIZE = 50;

/** The list's query string: search text, sort, direction, page (1-based). Bad values fall back to defaults. */
export const customerListParams = z.object({
  q: z.string().trim().max(200).catch(""),
  sort: z.enum(Object.keys(CUSTOMER_SORTS) as [CustomerSort, ...CustomerSort[]]).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type CustomerListParams = z.infer<typeof customerListParams>;

/** ILIKE pattern for a contains-search, with %, _ and \ taken literally; null for no search. */
export function containsPattern(q: string): string | null {
  return q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
}

export function orderByFor(p: Pick<CustomerListParams, "sort" | "dir">): string {
  const dir = p.dir === "desc" ? "DESC" : "ASC";
  return `${CUSTOMER_SORTS[p.sort]} ${dir}, c.id ${dir}`;
}
