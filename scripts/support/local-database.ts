/**
 * `npm start`'s embedded database: PGlite on `<data dir>/pglite` (METERLY_DATA_DIR, default .data), served
 * over the wire on loopback (lib/db/embedded-postgres.ts). PGlite takes no lock on its files, and two
 * processes writing them would corrupt them, so the process that opens them records itself (pid, and
 * once it serves, the URL) in `<data dir>/pglite.lock.json` until it stops: commands that only read, such
 * as ledger:check, connect to that URL instead, and a second opener is refused.
 */
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/lib/db/embedded-postgres";
import { isPortOpen } from "@/lib/db/free-port";

type Holder = { pid: number; url?: string };

/** A holder that has not said where it serves after this long is taken for one that died opening. */
const OPENING_MS = 120_000;

export function localDataDir(): string {
  return path.resolve(process.env.METERLY_DATA_DIR ?? ".data");
}

const databaseDir = (dataDir: string) => path.join(dataDir, "pglite");
const lockFile = (dataDir: string) => path.join(dataDir, "pglite.lock.json");

/** Whether `npm start` has made the embedded database in this data dir. */
export function localDatabaseExists(dataDir: string): boolean {
  return existsSync(path.join(databaseDir(dataDir), "PG_VERSION"));
}

/** Thrown when another live process has the database open. */
export class LocalDatabaseInUse extends Error {
  override name = "LocalDatabaseInUse";
  constructor(
    readonly dataDir: string,
    readonly holder: Holder,
  ) {
    super(
      `The embedded database in ${shown(dataDir)}/pglite is open in process ${holder.pid} (npm start or ledger:check); ` +
        `stop it first (or, if no such process is Meterly's, delete ${shown(lockFile(dataDir))}).`,
    );
  }
}

function shown(file: string): string {
  return path.relative(process.cwd(), file) || ".";
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The live process that has the database open, or null; a record left by one that died is removed. */
async function currentHolder(dataDir: string): Promise<Holder | null> {
  const file = lockFile(dataDir);
  let holder: Holder;
  let age: number;
  try {
    holder = JSON.parse(readFileSync(file, "utf8")) as Holder;
    age = Date.now() - statSync(file).mtimeMs;
  } catch {
    return null;
  }
  const serving = holder.url ? await isPortOpen(Number(new URL(holder.url).port)) : age < OPENING_MS;
  if (isAlive(holder.pid) && serving) return holder;
  rmSync(file, { force: true });
  return null;
}

/** Writes the record whole (a reader never sees half of it); `exclusive`: fails with EEXIST if one exists. */
function writeHolder(dataDir: string, holder: Holder, exclusive: boolean): void {
  const file = lockFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(holder) + "\n");
  try {
    if (exclusive) linkSync(temp, file);
    else renameSync(temp, file);
  } finally {
    rmSync(temp, { force: true });
  }
}

async function claim(dataDir: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      writeHolder(dataDir, { pid: process.pid }, true);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt > 0) throw error;
      const holder = await currentHolder(dataDir);
      if (holder) throw new LocalDatabaseInUse(dataDir, holder);
    }
  }
}

/**
 * Opens the embedded database in `dataDir` (made there when absent, as `npm start` does) and serves it on
 * loopback (`port`, default a free one); this process holds it until stop(). Throws LocalDatabaseInUse
 * when another process has it open.
 */
export async function openLocalDatabase(dataDir: string, opts: { port?: number } = {}): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  await claim(dataDir);
  let db: EmbeddedPostgres;
  try {
    db = await startEmbeddedPostgres({ dataDir: databaseDir(dataDir), port: opts.port });
    writeHolder(dataDir, { pid: process.pid, url: db.url }, false);
  } catch (error) {
    rmSync(lockFile(dataDir), { force: true });
    throw error;
  }
  return {
    ...db,
    async stop() {
      try {
        await db.stop();
      } finally {
        rmSync(lockFile(dataDir), { force: true });
      }
    },
  };
}

export type LocalConnection = { url: string; servedBy: number | null; close(): Promise<void> };

/**
 * For a command that reads the embedded database: the URL of the process serving it (`npm start`
 * running; servedBy is its pid), else the database opened here until close(); null when there is none
 * yet (nothing is made).
 */
export async function connectLocalDatabase(dataDir: string): Promise<LocalConnection | null> {
  if (!localDatabaseExists(dataDir)) return null;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const holder = await currentHolder(dataDir);
    if (holder?.url) return { url: holder.url, servedBy: holder.pid, close: async () => {} };
    let inUse: LocalDatabaseInUse;
    if (holder) inUse = new LocalDatabaseInUse(dataDir, holder);
    else {
      try {
        const db = await openLocalDatabase(dataDir);
        return { url: db.url, servedBy: null, close: () => db.stop() };
      } catch (error) {
        if (!(error instanceof LocalDatabaseInUse)) throw error;
        inUse = error;
      }
    }
    // Another process is opening it this moment: its URL follows shortly.
    if (Date.now() > deadline) throw inUse;
    await new Promise((r) => setTimeout(r, 250));
  }
}
