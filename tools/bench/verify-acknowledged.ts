import pg from "pg";
import type { Ledger } from "./load-protocol";

/** The database must hold exactly the acknowledged events, each accepted once, with exact rollup sums. */
export async function verifyAcknowledged(databaseUrl: string, ledger: Ledger): Promise<string[]> {
  const problems: string[] = [];
  if (ledger.doubleAccepted > 0) problems.push(`${ledger.doubleAccepted} events were answered "accepted" more than once`);
  if (ledger.accepted !== ledger.acknowledged) problems.push(`${ledger.acknowledged} distinct events acknowledged but ${ledger.accepted} accepted`);
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const events = await c.query<{ external_id: string; n: string }>(
      "SELECT c.external_id, count(*)::text AS n FROM usage_events e JOIN customers c ON c.id = e.customer_id GROUP BY 1",
    );
    const rollups = await c.query<{ external_id: string; sum: string; count: string }>(
      "SELECT c.external_id, sum(r.sum)::text AS sum, sum(r.count)::text AS count FROM usage_rollups r JOIN customers c ON c.id = r.customer_id GROUP BY 1",
    );
    const stored = new Map(events.rows.map((r) => [r.external_id, Number(r.n)]));
    const rolled = new Map(rollups.rows.map((r) => [r.external_id, r]));
    const names = new Set([...stored.keys(), ...rolled.keys(), ...Object.keys(ledger.byCustomer)]);
    for (const name of names) {
      const want = ledger.byCustomer[name] ?? { events: 0, tokens: "0" };
      const have = stored.get(name) ?? 0;
      const r = rolled.get(name);
      if (have !== want.events) problems.push(`${name}: ${have} events stored, ${want.events} acknowledged`);
      if ((r?.count ?? "0") !== String(want.events)) problems.push(`${name}: rollup count ${r?.count ?? 0}, ${want.events} acknowledged`);
      if (!sameDecimal(r?.sum ?? "0", want.tokens)) problems.push(`${name}: rollup sum ${r?.sum ?? 0}, acknowledged tokens ${want.tokens}`);
    }
  } finally {
    await c.end();
  }
  return problems;
}

/** "123.000000000000" and "123" are the same amount; compared as exact integers (tokens are whole). */
function sameDecimal(stored: string, expected: string): boolean {
  const [whole, frac = ""] = stored.split(".");
  return /^0*$/.test(frac) && BigInt(whole) === BigInt(expected);
}
