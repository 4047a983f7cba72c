/**
 * Small in-memory caches kept per process (per thread: the ingest worker has its own), registered by
 * name on globalThis so that Next.js's module reloading keeps one of each. `clearProcessCache(name)`
 * empties one here and tells every registered hook (the ingest worker client forwards it to its
 * thread), so an admin change is seen at once wherever the cache lives.
 */
export type ProcessCache<V> = {
  /** The value, unless missing or expired (an expired entry is dropped). */
  get(key: string, now?: number): V | undefined;
  set(key: string, value: V, now?: number): void;
  delete(key: string): void;
  /** Empties the cache and moves `generation` on. */
  clear(): void;
  /** Moves on at each clear: a value read before a clear is not stored after it (see set's callers). */
  readonly generation: number;
  readonly size: number;
};

export type ProcessCacheOptions = {
  /** How long an entry is used; unset: until cleared. */
  ttlMs?: number;
  /** When a set finds this many entries, expired ones are dropped, then all if still full. */
  maxEntries: number;
};

type Entry<V> = { value: V; expires: number };
type Registry = { caches: Map<string, ProcessCache<unknown>>; hooks: Set<(name: string) => void> };

const globalForCaches = globalThis as unknown as { __meterlyProcessCaches?: Registry };

function registry(): Registry {
  globalForCaches.__meterlyProcessCaches ??= { caches: new Map(), hooks: new Set() };
  return globalForCaches.__meterlyProcessCaches;
}

/** The process's cache named `name`, made on first use with these options. */
export function processCache<V>(name: string, opts: ProcessCacheOptions): ProcessCache<V> {
  const caches = registry().caches;
  const existing = caches.get(name);
  if (existing) return existing as ProcessCache<V>;
  const made = makeCache<V>(opts);
  caches.set(name, made as ProcessCache<unknown>);
  return made;
}

/** Empties the named cache in this thread and tells the hooks (other threads' copies). */
export function clearProcessCache(name: string): void {
  const r = registry();
  r.caches.get(name)?.clear();
  for (const hook of r.hooks) hook(name);
}

/** Registers a hook told of every clearProcessCache in this thread (idempotent for the same function). */
export function onProcessCacheCleared(hook: (name: string) => void): void {
  registry().hooks.add(hook);
}

function makeCache<V>({ ttlMs, maxEntries }: ProcessCacheOptions): ProcessCache<V> {
  const entries = new Map<string, Entry<V>>();
  let generation = 0;
  return {
    get(key, now = Date.now()) {
      const hit = entries.get(key);
      if (!hit) return undefined;
      if (hit.expires > now) return hit.value;
      entries.delete(key);
      return undefined;
    },
    set(key, value, now = Date.now()) {
      if (entries.size >= maxEntries && !entries.has(key)) {
        for (const [k, e] of entries) if (e.expires <= now) entries.delete(k);
        if (entries.size >= maxEntries) entries.clear();
      }
      entries.set(key, { value, expires: ttlMs === undefined ? Infinity : now + ttlMs });
    },
    delete(key) {
      entries.delete(key);
    },
    clear() {
      entries.clear();
      generation++;
    },
    get generation() {
      return generation;
    },
    get size() {
      return entries.size;
    },
  };
}
