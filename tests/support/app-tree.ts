import { readdirSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every file under app/ named `name` (route.ts, page.tsx) or whose name matches it, as paths relative to the project root, sorted. */
export function appFiles(name: string | RegExp, under = "app"): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (typeof name === "string" ? e.name === name : name.test(e.name)) out.push(rel);
    }
  };
  walk(under);
  return out.sort();
}

export const absolute = (rel: string) => path.join(ROOT, rel);

/** The URL path a file serves: route groups dropped, the file name dropped. */
export function urlPathOf(rel: string): string {
  const parts = rel.split("/").slice(1, -1).filter((p) => !/^\(.*\)$/.test(p));
  return "/" + parts.join("/");
}

/** The dynamic segments of a file's path: [id] -> "id", [...slug] -> "slug" (catch-all). */
export function segmentsOf(rel: string): { name: string; catchAll: boolean }[] {
  return [...rel.matchAll(/\[(\.\.\.)?([^\]]+)\]/g)].map((m) => ({ name: m[2], catchAll: Boolean(m[1]) }));
}

/** Every combination of a value per name (at most `cap`). */
export function combinations(choices: [string, string[]][], cap = 12): Record<string, string>[] {
  let out: Record<string, string>[] = [{}];
  for (const [name, values] of choices) out = out.flatMap((o) => values.map((v) => ({ ...o, [name]: v })));
  return out.slice(0, cap);
}

type Query = (sql: string, params: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

/**
 * These customers' rows, per table with a customer_id column (and their customers rows): a count and a hash
 * of the rows' content, to prove that nothing of theirs was written, changed or deleted.
 */
export async function customerRowsFingerprint(query: Query, customerIds: string[]): Promise<Record<string, string>> {
  const { rows: tables } = await query(
    "SELECT table_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'customer_id' ORDER BY table_name",
    [],
  );
  const out: Record<string, string> = {};
  const fingerprint = async (name: string, column: string) => {
    const { rows } = await query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${name}" t WHERE ${column}::text = ANY($1::text[])`,
      [customerIds],
    );
    out[name] = `${rows[0].n} ${rows[0].h}`;
  };
  for (const t of tables) await fingerprint(String(t.table_name), "customer_id");
  await fingerprint("customers", "id");
  return out;
}
