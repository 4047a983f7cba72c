/**
 * The data of `npm run bench:dashboard`, written straight into a migrated database with set-based SQL (no
 * events, no ingestion): what a year of usage through the app would have left behind.
 *
 *   customers     `count` customers (dash-0000...), each with one member user (member-0000@bench.test)
 *   plans         two published plans pricing the `dash_tokens` SUM meter (grouped by `model`, 3 values):
 *                 per-unit at $0.000002 a token, no base fee (even customers); graduated with a $99 base
 *                 fee (odd customers); made through lib/plans as the admin UI does
 *   subscriptions monthly, anchored on the 1st of the month 12 months ago, billed through the current
 *                 period's start (no close is due while the bench runs; the app also runs with METERLY_JOBS=off)
 *   rollups       one row per customer x model x hour for the last `days` days (bucket by bucket, as ingestion
 *                 writes them), each customer at its own scale with a daily cycle and noise
 *   period rows   the current period's running charge (period_meter_charges, priced by lib/rating) and its
 *                 usage_credit_periods row (rated; credited for the customers with credits)
 *   invoices      one finalized STANDARD invoice per past period (12 a customer) with its base-fee and usage
 *                 lines priced by lib/rating from the period's rollups; the last open for every 4th customer
 *   credits       every even customer: a wallet, one purchase grant and a daily BURN ledger entry
 *   limits        every 3rd customer: a spend alert limit
 *
 * It is consistent enough for the routes under test (the dashboard's spend equals its period charges, the
 * invoices' usage equals their periods' rollups), not a ledger: there are no grant movements, and the daily
 * burns are not the ones ingestion would write.
 */
import bcrypt from "bcryptjs";
import pg from "pg";

export const METER = "dash_tokens";
export const GROUP_BY = "model";
export const MODELS = ["gpt-x", "gpt-y", "claude-z"] as const;
export const MEMBER_PASSWORD = "bench-member-password";
export const ADMIN = { email: "bench-admin@meterly.local", password: "bench-admin-password" };

const PER_UNIT = { kind: "per_unit", unitPrice: "0.000002" } as const;
const GRADUATED = {
  kind: "graduated",
  includedUnits: "1000000",
  tiers: [
    { upTo: "50000000", unitPrice: "0.000003" },
    { upTo: "500000000", unitPrice: "0.000002" },
    { upTo: null, unitPrice: "0.0000012" },
  ],
} as const;

export type SeededCustomer = { id: string; externalId: string; email: string };
export type DashboardSeed = {
  customers: SeededCustomer[];
  meterId: string;
  /** The current billing period (the same for every customer). */
  period: { start: Date; end: Date };
  rollupRows: number;
  invoices: number;
  seconds: {
    setup: number;
    rollups: number;
    indexes: number;
    periods: number;
    invoices: number;
    total: number;
  };
};

const DAY = 86_400_000;

/** Seeds the database at `databaseUrl` (see the header); `log` gets progress lines. */
export async function seedDashboard(
  databaseUrl: string,
  opts: { customers: number; days: number; now: Date; log: (s: string) => void },
): Promise<DashboardSeed> {
  const t0 = performance.now();
  process.env.DATABASE_URL = databaseUrl;
  const { upsertMeter, upsertUser } = await import("@/lib/seed/factories");
  const { createPlan } = await import("@/lib/plans/create-plan");
  const { updateDraftVersion } = await import("@/lib/plans/update-draft-version");
  const { publishPlanVersion } = await import("@/lib/plans/publish-plan-version");
  const { closeDb } = await import("@/lib/db/client");
  const { billingPeriodAt } = await import("@/lib/subscriptions/billing-period");

  const user = await upsertUser({ email: ADMIN.email, password: ADMIN.password, role: "ADMIN" });
  const admin = { kind: "user" as const, userId: user.id, role: "ADMIN" as const, customerId: null };
  const meter = await upsertMeter({
    key: METER,
    name: "Dashboard tokens",
    eventType: METER,
    aggregation: "SUM",
    valueProperty: "tokens",
    groupBy: [GROUP_BY],
    unit: "tokens",
  });
  const versions: string[] = [];
  for (const [name, baseFeeMinor, model] of [
    ["Bench per-unit", 0, PER_UNIT],
    ["Bench graduated", 9900, GRADUATED],
  ] as const) {
    const { draftVersionId } = await createPlan(admin, { name, currency: "USD" });
    await updateDraftVersion(admin, draftVersionId, {
      currency: "USD",
      interval: "MONTH",
      baseFeeMinor,
      minimumSpendMinor: 0,
      trialDays: 0,
      paymentTerms: "POSTPAID",
      prices: [{ meterId: meter.id, model }],
    });
    await publishPlanVersion(admin, draftVersionId);
    versions.push(draftVersionId);
  }
  await closeDb();

  const now = opts.now;
  const anchor = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12, 1));
  const period = billingPeriodAt(anchor, "MONTH", now);
  // Every member signs in with the same password; its hash has bcrypt's lowest cost so that signing in
  // 1,000 members through the app takes seconds (the cost is read from the hash: the app's code path is the same).
  const memberHash = await bcrypt.hash(MEMBER_PASSWORD, 4);

  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    await c.query(`SET work_mem = '256MB'`);
    const customers = (
      await c.query<{ id: string; external_id: string }>(
        `INSERT INTO customers (external_id, name, currency)
         SELECT 'dash-' || lpad(i::text, 4, '0'), 'Dashboard customer ' || lpad(i::text, 4, '0'), 'USD'
         FROM generate_series(0, $1::int - 1) i
         RETURNING id::text, external_id`,
        [opts.customers],
      )
    ).rows
      .map((r) => ({
        id: r.id,
        externalId: r.external_id,
        email: `member-${r.external_id.slice(5)}@bench.test`,
      }))
      .sort((a, b) => a.externalId.localeCompare(b.externalId));
    // n: the customer's number; scale: its tokens per hour per model at the daily mean.
    await c.query(`CREATE TABLE bench_customers AS
      SELECT id, substr(external_id, 6)::int AS n, (20000 + (substr(external_id, 6)::int * 7919) % 180000)::numeric AS scale
      FROM customers WHERE external_id LIKE 'dash-%'`);
    await c.query(
      `INSERT INTO users (email, name, password_hash, role, customer_id)
       SELECT 'member-' || lpad(n::text, 4, '0') || '@bench.test', NULL, $1, 'MEMBER', id FROM bench_customers`,
      [memberHash],
    );
    await c.query(
      `INSERT INTO subscriptions (customer_id, plan_version_id, status, anchor_at, started_at, billed_through)
       SELECT id, CASE WHEN n % 2 = 0 THEN $1::uuid ELSE $2::uuid END, 'ACTIVE', $3, $3, $4 FROM bench_customers`,
      [versions[0], versions[1], anchor, period.start],
    );
    await c.query(
      `INSERT INTO spending_limits (customer_id, scope, set_by, mode, limit_minor, thresholds, updated_at)
       SELECT id, 'spend', 'CUSTOMER', 'ALERT', 100000, '{50,80,100}', now() FROM bench_customers WHERE n % 3 = 0`,
    );
    const setup = (performance.now() - t0) / 1000;

    // Rollups: hour by hour across all customers, the order ingestion writes them in, one month a statement,
    // on two connections (the machine's two cores).
    const t1 = performance.now();
    const first = new Date(Math.floor((now.getTime() - opts.days * DAY) / 3_600_000) * 3_600_000);
    const end = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
    const chunks: [Date, Date][] = [];
    for (let a = first; a < end;) {
      const b = new Date(Math.min(end.getTime(), a.getTime() + 30 * DAY));
      chunks.push([a, b]);
      a = b;
    }
    const dims = MODELS.map((m, i) => `('${JSON.stringify([m])}', ${[1, 0.5, 0.25][i]})`).join(", ");
    const insertChunk = `
      INSERT INTO usage_rollups (customer_id, meter_id, bucket, dimensions, sum, count)
      SELECT c.id, $1::uuid, b, d.dim,
        round(c.scale * d.f * (1 + 0.5 * sin(2 * pi() * extract(hour FROM b AT TIME ZONE 'UTC') / 24)) * (0.8 + 0.4 * random())),
        greatest(1, round(c.scale * d.f / 400))::bigint
      FROM generate_series($2::timestamptz, $3::timestamptz - interval '1 hour', interval '1 hour') b
        CROSS JOIN bench_customers c CROSS JOIN (VALUES ${dims}) d(dim, f)
      ORDER BY b, c.id, d.dim`;
    // Without the table's indexes during the load, then built once (what a restore does): the same indexes,
    // an order of magnitude sooner than maintaining them row by row.
    const indexDefs = (
      await c.query<{ name: string; def: string; pkey: boolean }>(
        `SELECT i.relname AS name, pg_get_indexdef(x.indexrelid) AS def, x.indisprimary AS pkey
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = 'usage_rollups'::regclass`,
      )
    ).rows;
    for (const ix of indexDefs)
      await c.query(
        ix.pkey ? `ALTER TABLE usage_rollups DROP CONSTRAINT "${ix.name}"` : `DROP INDEX "${ix.name}"`,
      );
    let done = 0;
    const worker = async () => {
      const w = new pg.Client({ connectionString: databaseUrl });
      await w.connect();
      try {
        await w.query(`SET work_mem = '512MB'`);
        // The rows' customers and meter exist: skip the foreign-key triggers for the load (superuser, trust auth).
        await w.query(`SET session_replication_role = replica`);
        for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
          await w.query(insertChunk, [meter.id, chunk[0], chunk[1]]);
          done++;
          opts.log(`  rollups: ${done} of ${done + chunks.length} month(s) written`);
        }
      } finally {
        await w.end();
      }
    };
    await Promise.all([worker(), worker()]);
    const rollups = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    await c.query(`SET maintenance_work_mem = '1GB'`);
    for (const ix of indexDefs) {
      if (ix.pkey) {
        await c.query(ix.def);
        await c.query(
          `ALTER TABLE usage_rollups ADD CONSTRAINT "${ix.name}" PRIMARY KEY USING INDEX "${ix.name}"`,
        );
      } else await c.query(ix.def);
    }
    const indexes = (performance.now() - t2) / 1000;
    opts.log(`  rollups written in ${rollups.toFixed(0)} s, their indexes built in ${indexes.toFixed(0)} s`);

    // Each customer's usage per billing period (calendar months: the anchor is the 1st), the current one included.
    const t3 = performance.now();
    const { priceQuantity } = await import("@/lib/rating/price-quantity");
    const { toMinorUnits } = await import("@/lib/money/round");
    const usage = (
      await c.query<{ id: string; n: number; month: Date; quantity: string }>(
        `SELECT r.customer_id::text AS id, b.n, date_trunc('month', r.bucket, 'UTC') AS month, sum(r.sum)::text AS quantity
         FROM usage_rollups r JOIN bench_customers b ON b.id = r.customer_id
         WHERE r.bucket >= $1 GROUP BY 1, 2, 3`,
        [anchor],
      )
    ).rows;
    const model = (n: number) => (n % 2 === 0 ? PER_UNIT : GRADUATED);
    const baseFee = (n: number) => (n % 2 === 0 ? 0n : 9900n);
    const current = usage.filter((u) => new Date(u.month).getTime() === period.start.getTime());
    const priced = current.map((u) => {
      const amount = priceQuantity(model(u.n), u.quantity).amount;
      return { ...u, amount: amount.toFixed(), ratedMinor: toMinorUnits(amount, "USD") };
    });
    await c.query(
      `INSERT INTO period_meter_charges (customer_id, subscription_id, period_start, meter_id, period_end, quantity, amount, updated_at)
       SELECT s.customer_id, s.id, $1, $2::uuid, $3, x.quantity, x.amount, now()
       FROM unnest($4::uuid[], $5::numeric[], $6::numeric[]) AS x(customer_id, quantity, amount)
       JOIN subscriptions s ON s.customer_id = x.customer_id`,
      [
        period.start,
        meter.id,
        period.end,
        priced.map((p) => p.id),
        priced.map((p) => p.quantity),
        priced.map((p) => p.amount),
      ],
    );

    // Credits: every even customer bought $100,000 of credits at the anchor and burns a fixed amount a day.
    await c.query(
      `CREATE TABLE bench_burns AS
      SELECT b.id, b.n, 500 + (b.n * 37) % 1500 AS burn, d AS day, row_number() OVER (PARTITION BY b.id ORDER BY d) AS k
      FROM bench_customers b CROSS JOIN generate_series($1::timestamptz + interval '1 day', $2::timestamptz, interval '1 day') d
      WHERE b.n % 2 = 0`,
      [anchor, now],
    );
    await c.query(
      `INSERT INTO credit_balances (customer_id, currency, balance_minor, last_entry_seq, updated_at)
       SELECT b.id, 'USD', 10000000 - coalesce(sum(x.burn), 0), 1 + count(x.k), now()
       FROM bench_customers b LEFT JOIN bench_burns x ON x.id = b.id WHERE b.n % 2 = 0 GROUP BY b.id`,
    );
    await c.query(
      `INSERT INTO credit_grants (customer_id, kind, amount_minor, remaining_minor, description, created_at)
       SELECT customer_id, 'PURCHASE', 10000000, balance_minor, 'Bench credits', $1 FROM credit_balances`,
      [anchor],
    );
    await c.query(
      `INSERT INTO credit_ledger_entries (customer_id, seq, kind, amount_minor, balance_after_minor, description, grant_id, created_at)
       SELECT customer_id, 1, 'GRANT', 10000000, 10000000, 'Bench credits', id, $1 FROM credit_grants`,
      [anchor],
    );
    await c.query(
      `INSERT INTO credit_ledger_entries (customer_id, seq, kind, amount_minor, balance_after_minor, description, grant_id, rated_minor, created_at)
       SELECT x.id, 1 + x.k, 'BURN', -x.burn, 10000000 - x.burn * x.k, 'Usage', NULL, x.burn, x.day FROM bench_burns x`,
    );
    await c.query(
      `INSERT INTO usage_credit_periods (customer_id, subscription_id, period_start, rated_minor, credited_minor, updated_at)
       SELECT s.customer_id, s.id, $1, x.rated, LEAST(x.rated, coalesce((
           SELECT sum(burn) FROM bench_burns u WHERE u.id = s.customer_id AND u.day >= $1), 0)), now()
       FROM unnest($2::uuid[], $3::bigint[]) AS x(customer_id, rated) JOIN subscriptions s ON s.customer_id = x.customer_id`,
      [period.start, priced.map((p) => p.id), priced.map((p) => p.ratedMinor.toString())],
    );
    await c.query(
      `INSERT INTO usage_credit_period_grants (customer_id, subscription_id, period_start, grant_id, amount_minor)
       SELECT u.customer_id, u.subscription_id, u.period_start, g.id, u.credited_minor
       FROM usage_credit_periods u JOIN credit_grants g ON g.customer_id = u.customer_id WHERE u.credited_minor > 0`,
    );
    await c.query(`DROP TABLE bench_burns`);
    const periods = (performance.now() - t3) / 1000;

    // A finalized invoice per past period: base fee (graduated plan) and usage lines, priced from the rollups.
    const t4 = performance.now();
    const past = usage.filter((u) => new Date(u.month).getTime() < period.start.getTime());
    const subs = new Map(
      (
        await c.query<{ customer_id: string; id: string }>(
          `SELECT customer_id::text, id::text FROM subscriptions`,
        )
      ).rows.map((s) => [s.customer_id, s.id]),
    );
    const inv = {
      customer: [] as string[],
      id: [] as string[],
      status: [] as string[],
      number: [] as string[],
    };
    const invMore = {
      start: [] as Date[],
      end: [] as Date[],
      total: [] as string[],
      due: [] as string[],
      paid: [] as string[],
    };
    const lines = Array.from({ length: 12 }, () => [] as unknown[]);
    const { randomUUID } = await import("node:crypto");
    const lastMonth = new Date(
      Date.UTC(period.start.getUTCFullYear(), period.start.getUTCMonth() - 1, 1),
    ).getTime();
    let seq = 0;
    for (const u of past) {
      const start = new Date(u.month);
      const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
      const usageAmount = priceQuantity(model(u.n), u.quantity).amount;
      const usageMinor = toMinorUnits(usageAmount, "USD");
      const total = usageMinor + baseFee(u.n);
      const open = start.getTime() === lastMonth && u.n % 4 === 0;
      const id = randomUUID();
      inv.customer.push(u.id);
      inv.id.push(id);
      inv.status.push(open ? "OPEN" : "PAID");
      inv.number.push(`BENCH-${start.getUTCFullYear()}-${String(++seq).padStart(6, "0")}`);
      invMore.start.push(start);
      invMore.end.push(end);
      invMore.total.push(total.toString());
      invMore.due.push(total.toString());
      invMore.paid.push(open ? "0" : total.toString());
      const addLine = (
        position: number,
        kind: string,
        description: string,
        meterId: string | null,
        quantity: string | null,
        exact: string,
        minor: bigint,
      ) =>
        [
          u.id,
          id,
          position,
          kind,
          description,
          subs.get(u.id),
          meterId,
          start,
          end,
          quantity,
          exact,
          minor.toString(),
        ].forEach((v, i) => lines[i].push(v));
      let position = 0;
      if (baseFee(u.n) > 0n)
        addLine(position++, "BASE_FEE", "Bench graduated (monthly)", null, null, "99", 9900n);
      addLine(
        position++,
        "USAGE",
        "Dashboard tokens",
        meter.id,
        u.quantity,
        usageAmount.toFixed(),
        usageMinor,
      );
    }
    await c.query(
      `INSERT INTO invoices (customer_id, id, status, number, currency, period_start, period_end, total_minor, amount_due_minor, amount_paid_minor,
         finalize_after, finalized_at, due_at, paid_at, kind, charges_seen_at, updated_at)
       SELECT x.customer_id, x.id, x.status::"InvoiceStatus", x.number, 'USD', x.period_start, x.period_end, x.total, x.due, x.paid,
         x.period_end + interval '1 hour', x.period_end + interval '1 hour', x.period_end + interval '15 days',
         CASE WHEN x.status = 'PAID' THEN x.period_end + interval '1 day' END, 'STANDARD', x.period_end + interval '1 hour', now()
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::bigint[], $8::bigint[], $9::bigint[])
         AS x(customer_id, id, status, number, period_start, period_end, total, due, paid)`,
      [
        inv.customer,
        inv.id,
        inv.status,
        inv.number,
        invMore.start,
        invMore.end,
        invMore.total,
        invMore.due,
        invMore.paid,
      ],
    );
    await c.query(
      `INSERT INTO invoice_lines (customer_id, invoice_id, position, kind, description, subscription_id, meter_id, from_at, to_at, quantity, amount_exact, amount_minor)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::"InvoiceLineKind"[], $5::text[], $6::uuid[], $7::uuid[], $8::timestamptz[],
         $9::timestamptz[], $10::numeric[], $11::numeric[], $12::bigint[])`,
      lines,
    );
    await c.query(`DROP TABLE bench_customers`);
    const invoices = (performance.now() - t4) / 1000;
    const rollupRows = Number(
      (await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM usage_rollups`)).rows[0].n,
    );
    return {
      customers,
      meterId: meter.id,
      period,
      rollupRows,
      invoices: past.length,
      seconds: { setup, rollups, indexes, periods, invoices, total: (performance.now() - t0) / 1000 },
    };
  } finally {
    await c.end();
  }
}
