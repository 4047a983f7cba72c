import net, { type Socket } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";

// Several pg connections to the one PGlite session, as `npm start` uses it (a pool of 10).
let pglite: EmbeddedPostgres;
let pool: pg.Pool;

beforeAll(async () => {
  pglite = await startEmbeddedPostgres();
  pool = new pg.Pool({ connectionString: pglite.url, max: 10 });
  await pool.query("CREATE TABLE counter (id INT PRIMARY KEY, n INT NOT NULL); INSERT INTO counter VALUES (1, 0);");
  await pool.query("CREATE TABLE left_behind (mode TEXT)");
});

afterAll(async () => {
  await pool?.end();
  await pglite?.stop();
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("the embedded database served over the wire", () => {
  it("gives each of 500 concurrent parameterized queries its own result", async () => {
    const results = await Promise.all(
      Array.from({ length: 500 }, async (_, i) => {
        // Every statement text differs (it carries i as a literal too), so a Bind that meets another
        // connection's Parse shows as a literal that does not match the parameter. Every 10th query
        // has a 200 kB parameter, so its messages reach the server in several reads.
        const tag = i % 10 === 0 ? `t${i}`.padEnd(200_000, ".") : `t${i}`;
        const { rows } = await pool.query(`SELECT $1::int AS n, ${i} AS literal, length($2::text) AS len, pg_sleep(0)`, [i, tag]);
        return rows;
      }),
    );
    results.forEach((rows, i) => expect(rows).toEqual([{ n: i, literal: i, len: i % 10 === 0 ? 200_000 : `t${i}`.length, pg_sleep: "" }]));
  });

  it("runs concurrent read-modify-write transactions one after another", async () => {
    const reads = await Promise.all(
      Array.from({ length: 40 }, async () => {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const { rows } = await client.query<{ n: number }>("SELECT n FROM counter WHERE id = $1", [1]);
          await tick(); // give other connections every chance to cut in
          await client.query("UPDATE counter SET n = $1 WHERE id = $2", [rows[0].n + 1, 1]);
          await client.query("COMMIT");
          return rows[0].n;
        } finally {
          client.release();
        }
      }),
    );
    expect(reads.sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect((await pool.query("SELECT n FROM counter WHERE id = 1")).rows).toEqual([{ n: 40 }]);
  });

  it.each(["terminate", "drop", "drop after an error"] as const)("rolls back a transaction whose connection goes away (%s)", async (mode) => {
    const client = new pg.Client({ connectionString: pglite.url });
    client.on("error", () => {}); // the dropped socket is the point of the test
    await client.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO left_behind VALUES ($1)", [mode]);
    if (mode === "drop after an error") await expect(client.query("SELECT 1 / $1::int", [0])).rejects.toThrow(/division by zero/);

    // Others wait while the transaction is open, so they never see (or write into) it...
    let answered = false;
    const other = pool.query<{ n: number }>("SELECT count(*)::int AS n FROM left_behind").finally(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);

    // ...and go on once it is gone, without its writes.
    if (mode === "terminate") await client.end();
    else (client as unknown as { connection: { stream: Socket } }).connection.stream.destroy();
    expect((await other).rows).toEqual([{ n: 0 }]);
    await client.end().catch(() => {});
  });

  it.each(["after a Flush", "after an error before Sync"] as const)("rolls back an unsynced exchange whose connection goes away (%s)", async (mode) => {
    // pg always ends an exchange with Sync, so speak the protocol by hand here.
    const raw = await RawConnection.open(pglite.port);
    if (mode === "after an error before Sync") await raw.send("Z", query("BEGIN"));
    await raw.send("C", parse("INSERT INTO left_behind VALUES ('unsynced')"), bind(), execute(), flush());
    if (mode === "after an error before Sync") await raw.send("E", parse("SELEC oops"), flush());

    let answered = false;
    const other = pool.query<{ n: number }>("SELECT count(*)::int AS n FROM left_behind").finally(() => (answered = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    raw.socket.destroy();
    expect((await other).rows).toEqual([{ n: 0 }]);
  });

  it("answers pipelined queries in order, alongside other connections", async () => {
    const before = (await pool.query<{ n: number }>("SELECT n FROM counter WHERE id = 1")).rows[0].n;
    const client = new pg.Client({ connectionString: pglite.url, pipeline: true });
    await client.connect();
    try {
      const background = Promise.all(Array.from({ length: 50 }, (_, i) => pool.query("SELECT $1::int AS n", [1000 + i])));
      const pipelined = [
        client.query("BEGIN"),
        client.query("UPDATE counter SET n = n + $1 WHERE id = 1", [5]),
        client.query("SELECT n FROM counter WHERE id = $1", [1]),
        client.query("COMMIT"),
        ...Array.from({ length: 50 }, (_, i) => client.query("SELECT $1::int AS n, $2::text AS tag", [i, `p${i}`])),
      ];
      const failing = client.query("SELECT 1 / $1::int AS n", [0]);
      const after = client.query("SELECT $1::text AS tag", ["after the error"]);

      const results = await Promise.all(pipelined);
      expect(results[1].rowCount).toBe(1);
      expect(results[2].rows).toEqual([{ n: before + 5 }]);
      results.slice(4).forEach((r, i) => expect(r.rows).toEqual([{ n: i, tag: `p${i}` }]));
      await expect(failing).rejects.toThrow(/division by zero/);
      expect((await after).rows).toEqual([{ tag: "after the error" }]);
      (await background).forEach((r, i) => expect(r.rows).toEqual([{ n: 1000 + i }]));
    } finally {
      await client.end();
    }
  });
});

/** Frontend messages (https://www.postgresql.org/docs/current/protocol-message-formats.html). */
const message = (type: string, ...body: Buffer[]) => {
  const payload = Buffer.concat(body);
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(4 + payload.length, 1);
  return Buffer.concat([header, payload]);
};
const cstr = (text: string) => Buffer.from(`${text}\0`);
const int16 = (n: number) => Buffer.from([n >> 8, n & 0xff]);
const query = (sql: string) => message("Q", cstr(sql));
const parse = (sql: string) => message("P", cstr(""), cstr(sql), int16(0));
const bind = () => message("B", cstr(""), cstr(""), int16(0), int16(0), int16(0));
const execute = () => message("E", cstr(""), Buffer.alloc(4));
const flush = () => message("H");

/** A bare socket speaking the wire protocol; send() resolves once a backend message of the given type arrives. */
class RawConnection {
  private received = Buffer.alloc(0);
  private waiting: { type: string; resolve: () => void } | null = null;

  private constructor(readonly socket: Socket) {
    socket.on("data", (chunk: Buffer) => {
      this.received = Buffer.concat([this.received, chunk]);
      this.check();
    });
  }

  static async open(port: number): Promise<RawConnection> {
    const socket = net.connect({ port, host: "127.0.0.1" });
    await new Promise((resolve) => socket.once("connect", resolve));
    const raw = new RawConnection(socket);
    const params = Buffer.concat([cstr("user"), cstr("postgres"), cstr("database"), cstr("postgres"), cstr("")]);
    const startup = Buffer.alloc(8);
    startup.writeInt32BE(8 + params.length, 0);
    startup.writeInt32BE(196608, 4); // protocol 3.0
    await raw.sendBytes("Z", Buffer.concat([startup, params]));
    return raw;
  }

  send(until: string, ...messages: Buffer[]): Promise<void> {
    return this.sendBytes(until, Buffer.concat(messages));
  }

  private sendBytes(until: string, bytes: Buffer): Promise<void> {
    const arrived = new Promise<void>((resolve) => (this.waiting = { type: until, resolve }));
    this.socket.write(bytes);
    return arrived;
  }

  private check(): void {
    while (this.received.length >= 5 && this.received.length >= 1 + this.received.readInt32BE(1)) {
      const type = String.fromCharCode(this.received[0]);
      this.received = this.received.subarray(1 + this.received.readInt32BE(1));
      if (this.waiting?.type === type) {
        this.waiting.resolve();
        this.waiting = null;
      }
    }
  }
}
