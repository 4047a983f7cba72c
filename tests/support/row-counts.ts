import { pool } from "@/lib/db/pool";

let statement: string | null = null;

/** Every table of the public schema with its row count, in one statement (the fuzz tests' database is private and small). */
export async function rowCounts(): Promise<Record<string, number>> {
  if (!statement) {
    const { rows } = await pool().query<{ t: string }>(
      "SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1",
    );
    statement = `SELECT json_build_object(${rows.map((r) => `'${r.t}', (SELECT count(*) FROM "${r.t}")`).join(", ")}) AS counts`;
  }
  const { rows } = await pool().query<{ counts: Record<string, number> }>(statement);
  return rows[0].counts;
}

/** The tables whose counts differ, as "table: before -> after". */
export function countChanges(before: Record<string, number>, after: Record<string, number>): string[] {
  const tables = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...tables].filter((t) => before[t] !== after[t]).map((t) => `${t}: ${before[t]} -> ${after[t]}`);
}
