import "server-only";
import pg from "pg";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";

/** The channel a revocation is announced on (pg_notify in the revoking transaction: delivered at its commit). */
export const KEY_REVOKED_CHANNEL = "meterly_api_key_revoked";

const SELF_TEST_MS = 2000;
const RETRY_MS = 5000;

type Listener = { live: boolean; starting: boolean; generation: number; onChange: Set<() => void> };

const globalForListener = globalThis as unknown as { __meterlyKeyRevocations?: Listener };

function state(): Listener {
  globalForListener.__meterlyKeyRevocations ??= { live: false, starting: false, generation: 0, onChange: new Set() };
  return globalForListener.__meterlyKeyRevocations;
}

/**
 * True while this process is certain to hear every revocation: a dedicated connection LISTENs on
 * KEY_REVOKED_CHANNEL and has proved, by a NOTIFY sent from the pool, that notifications reach it.
 * Until then (starting, reconnecting, or a database that cannot deliver them, like the embedded one,
 * whose connections share one session) it is false and callers must not rely on a cache. Starts the
 * listener on first use.
 */
export function revocationsHeard(): boolean {
  const s = state();
  if (!s.live && !s.starting) void listen(s);
  return s.live;
}

/** Called whenever a revocation is heard or hearing stops: caches of keys must be dropped. */
export function onRevocationOrDeafness(fn: () => void): void {
  state().onChange.add(fn);
}

async function listen(s: Listener): Promise<void> {
  s.starting = true;
  const generation = ++s.generation;
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  const deaf = () => {
    if (s.generation !== generation) return;
    s.generation++;
    s.live = false;
    s.starting = false;
    for (const fn of s.onChange) fn();
    client.end().catch(() => {});
    setTimeout(() => void (s.live || s.starting || listen(s)), RETRY_MS).unref();
  };
  client.on("error", deaf);
  client.on("end", deaf);
  try {
    await client.connect();
    // The listener must never keep a process (a script, a test worker) alive on its own.
    (client as unknown as { connection: { stream: { unref(): void } } }).connection.stream.unref();
    const probe = `probe:${process.pid}:${generation}:${Math.random()}`;
    const heard = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), SELF_TEST_MS);
      timer.unref();
      client.on("notification", (n) => {
        if (n.channel !== KEY_REVOKED_CHANNEL) return;
        if (n.payload === probe) {
          clearTimeout(timer);
          resolve(true);
        } else if (s.live) {
          for (const fn of s.onChange) fn();
        }
      });
    });
    await client.query(`LISTEN ${KEY_REVOKED_CHANNEL}`);
    await pool().query("SELECT pg_notify($1, $2)", [KEY_REVOKED_CHANNEL, probe]);
    if (!(await heard)) {
      // Notifications do not arrive here: stay without a cache, and do not keep asking.
      s.generation++;
      s.starting = true;
      client.removeAllListeners("end");
      await client.end().catch(() => {});
      return;
    }
    if (s.generation !== generation) return;
    s.live = true;
    s.starting = false;
  } catch {
    deaf();
  }
}
