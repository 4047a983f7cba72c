import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db/client";
import { TABLE_PLACEMENT } from "@/lib/db/table-distribution";

type KeyRow = { table: string; primary: boolean; columns: string[]; partial: boolean };
type ForeignKeyRow = { table: string; references: string; columns: string[]; refColumns: string[] };

const columnsOf = (rel: string, attnums: string) => `(SELECT array_agg(a.attname::text ORDER BY k.ord)
  FROM unnest(${attnums}) WITH ORDINALITY k(attnum, ord) JOIN pg_attribute a ON a.attrelid = ${rel} AND a.attnum = k.attnum)`;

/** The schema as PostgreSQL has it after the migrations: tables, unique keys, foreign keys. */
async function readSchema() {
  const tables = (
    await prisma.$queryRawUnsafe<{ table: string }[]>(
      `SELECT c.relname::text AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations' ORDER BY 1`,
    )
  ).map((r) => r.table);
  const keys = await prisma.$queryRawUnsafe<KeyRow[]>(
    `SELECT c.relname::text AS table, i.indisprimary AS primary, ${columnsOf("c.oid", "i.indkey::int2[]")} AS columns,
            i.indpred IS NOT NULL AS partial
     FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND i.indisunique`,
  );
  const foreignKeys = await prisma.$queryRawUnsafe<ForeignKeyRow[]>(
    `SELECT c.relname::text AS table, r.relname::text AS references,
            ${columnsOf("c.oid", "con.conkey")} AS columns, ${columnsOf("r.oid", "con.confkey")} AS "refColumns"
     FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
     JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND con.contype = 'f'`,
  );
  return { tables, keys, foreignKeys };
}

const placementOf = (table: string) => TABLE_PLACEMENT[table]?.placement;

/** The keys of distributed tables that do not lead with customer_id, as readable strings. */
const keysNotLeadingWithCustomer = (keys: KeyRow[]) =>
  keys
    .filter((k) => placementOf(k.table) === "distributed" && k.columns[0] !== "customer_id")
    .map((k) => `${k.table} (${k.columns.join(", ")})${k.primary ? " primary key" : ""}`);

describe("every table can be placed on Citus (README: Scaling out)", () => {
  it("places every table of the schema, and only those", async () => {
    const { tables } = await readSchema();
    const unplaced = tables.filter((t) => !TABLE_PLACEMENT[t]);
    expect(unplaced, "new tables must be placed in lib/db/table-distribution.ts").toEqual([]);
    const gone = Object.keys(TABLE_PLACEMENT).filter((t) => !tables.includes(t));
    expect(gone, "placed tables that no longer exist").toEqual([]);
  });

  it("leads the primary key and every unique key of a distributed table with customer_id", async () => {
    const { tables, keys } = await readSchema();
    const distributed = tables.filter((t) => placementOf(t) === "distributed");
    expect(distributed.length).toBeGreaterThan(20);
    expect(keysNotLeadingWithCustomer(keys)).toEqual([]);
    const withoutPrimaryKey = distributed.filter((t) => !keys.some((k) => k.table === t && k.primary));
    expect(withoutPrimaryKey).toEqual([]);
  });

  it("has foreign keys Citus can keep: between distributed tables through customer_id, never from a reference table to a distributed one", async () => {
    const { foreignKeys } = await readSchema();
    const bad = foreignKeys.filter((fk) => {
      const from = placementOf(fk.table);
      const to = placementOf(fk.references);
      if (from === "reference" || from === "coordinator") return to === "distributed";
      if (to !== "distributed") return false;
      const at = fk.columns.indexOf("customer_id");
      return at < 0 || fk.refColumns[at] !== "customer_id";
    });
    expect(bad.map((fk) => `${fk.table}(${fk.columns}) -> ${fk.references}(${fk.refColumns})`)).toEqual([]);
  });

  it("would refuse a distributed table keyed without customer_id (the check can fail)", async () => {
    const { keys } = await readSchema();
    const forged: KeyRow = { table: "usage_events", primary: false, columns: ["idempotency_key"], partial: false };
    expect(keysNotLeadingWithCustomer([...keys, forged])).toEqual(["usage_events (idempotency_key)"]);
  });
});
