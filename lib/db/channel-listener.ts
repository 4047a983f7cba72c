import "server-only";
import pg from "pg";
import { pool } from "@/lib/db/pool";
import { env } from "@/lib/env";

const SELF_TEST_MS = 2000;
const RETRY_MS = 5000;

/** One process's LISTEN on a PostgreSQL channel, and whether it is certain to hear what is sent on it. */
export type ChannelListener = {
  /**
   * True while a dedicated connection LISTENs on the channel and has proved, by a NOTIFY sent from the
   * pool, that notifications reach it. Until then (starting, reconnecting, or a database that cannot
   * deliver them, like the embedded one, whose connections share one session) it is false: callers must
   * not rely on hearing. Starts the listener on first use.
   */
  heard(): boolean;
  /** Called with each payload heard on the channel (after the listener is live). */
  onMessage(fn: (payload: string) => void): void;
  /** Called whenever hearing stops (the connection broke): what relied on hearing must be dropped. */
  onDeafness(fn: () => void): void;
};

type State = {
  live: boolean;
  starting: boolean;
  generation: number;
  messages: Set<(payload: string) => void>;
  deafness: Set<() => void>;
};

const globalForListeners = globalThis as unknown as { __meterlyChannelListeners?: Map<string, State> };

/** The process's listener on `channel` (one per channel, kept across Next.js module reloads). */
export function channelListener(channel: string): ChannelListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a channel name: ${channel}`);
  const all = (globalForListeners.__meterlyChannelListeners ??= new Map());
  let s = all.get(channel);
  if (!s) {
    s = { live: false, starting: false, generation: 0, messages: new Set(), deafness: new Set() };
    all.set(channel, s);
  }
  const state = s;
  return {
    heard() {
      if (!state.live && !state.starting) void listen(channel, state);
      return state.live;
    },
    onMessage: (fn) => void state.messages.add(fn),
    onDeafness: (fn) => void state.deafness.add(fn),
  };
}

async function listen(channel: string, s: State): Promise<void> {
  s.starting = true;
  const generation = ++s.generation;
  const client = new pg.Client({ connectionString: env().DATABASE_URL });
  const deaf = () => {
    if (s.generation !== generation) return;
    s.generation++;
    s.live = false;
    s.starting = false;
    for (const fn of s.deafness) fn();
    client.end().catch(() => {});
    setTimeout(() => void (s.live || s.starting || listen(channel, s)), RETRY_MS).unref();
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
        if (n.channel !== channel) return;
        if (n.payload === probe) {
          clearTimeout(timer);
          resolve(true);
        } else if (s.live) {
          for (const fn of s.messages) fn(n.payload ?? "");
        }
      });
    });
    await client.query(`LISTEN ${channel}`);
    await pool().query("SELECT pg_notify($1, $2)", [channel, probe]);
    if (!(await heard)) {
      // Notifications do not arrive here: stay deaf, and do not keep asking.
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
