import { randomUUID } from "node:crypto";
import pg from "pg";

const CONNECTIONS = 4;
const ROWS = 1000;

/**
 * The database's own ceiling for event rows: 4 connections inserting 1,000-row `unnest` batches (10%
 * of them repeats) into a scratch table shaped like usage_events with the same dedup key, ON CONFLICT
 * DO NOTHING, each batch its own autocommitted (fsynced) statement. Returns rows sent per second.
 */
export async function rawInsertCeiling(databaseUrl: string, durationMs: number): Promise<number> {
  const setup = new pg.Client({ connectionString: databaseUrl });
  await setup.connect();
  await setup.query(`DROP TABLE IF EXISTS bench_raw_events`);
  await setup.query(`CREATE TABLE bench_raw_events (
    customer_id uuid NOT NULL, idempotency_key varchar(128) NOT NULL, event_type text NOT NULL,
    "timestamp" timestamptz(3) NOT NULL, properties jsonb NOT NULL DEFAULT '{}', received_at timestamptz(3) NOT NULL DEFAULT now(),
    PRIMARY KEY (customer_id, idempotency_key))`);
  const customers = Array.from({ length: 20 }, () => randomUUID());
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONNECTIONS });
  pool.on("error", () => {});
  let rows = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  // Each connection has its own keys, and repeats only its own committed ones, so none waits on another.
  const worker = async (w: number) => {
    let seq = 0;
    const client = await pool.connect();
    try {
      while (performance.now() < deadline) {
        const c: string[] = [];
        const k: string[] = [];
        const t: string[] = [];
        const ts: string[] = [];
        const p: string[] = [];
        for (let i = 0; i < ROWS; i++) {
          const n = i % 10 === 9 && seq > ROWS ? seq - 1 - ((i * 7919) % ROWS) : seq++;
          c.push(customers[n % customers.length]);
          k.push(`raw-${w}-${n}`);
          t.push("bench_tokens");
          ts.push(new Date(started - (n % 1_500_000)).toISOString());
          p.push(`{"tokens":${1 + (n % 1000)},"model":"gpt-${n % 3}"}`);
        }
        await client.query(
          `INSERT INTO bench_raw_events (customer_id, idempotency_key, event_type, "timestamp", properties)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[], $5::jsonb[])
           ON CONFLICT (customer_id, idempotency_key) DO NOTHING`,
          [c, k, t, ts, p],
        );
        rows += ROWS;
      }
    } finally {
      client.release();
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, (_, w) => worker(w)));
  const perSecond = rows / ((performance.now() - started) / 1000);
  await pool.end();
  await setup.query(`DROP TABLE bench_raw_events`);
  await setup.end();
  return perSecond;
}
