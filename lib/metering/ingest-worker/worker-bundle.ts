import { readFileSync } from "node:fs";
import path from "node:path";

/** Where `npm run build` puts the ingest worker's bundle (scripts/build-ingest-worker.ts), relative to the project. */
export const WORKER_BUNDLE_DIR = path.join(".next", "ingest-worker");
export const WORKER_BUNDLE_FILE = "worker.mjs";
const TSX_ENTRY = path.join("lib", "metering", "ingest-worker", "worker-entry.mjs");

/**
 * The file the ingest worker thread starts from, as a path relative to the project folder: in production
 * the bundle, when it was made for the build being served; otherwise (development, tests, a bundle
 * left from another build) the entry that loads the TypeScript through tsx.
 */
export function workerEntry(root: string, production: boolean): string {
  if (!production) return TSX_ENTRY;
  try {
    const bundled = readFileSync(path.join(root, WORKER_BUNDLE_DIR, "BUILD_ID"), "utf8");
    if (bundled === readFileSync(path.join(root, ".next", "BUILD_ID"), "utf8")) return path.join(WORKER_BUNDLE_DIR, WORKER_BUNDLE_FILE);
  } catch {
    // no bundle, or no build: the TypeScript entry
  }
  return TSX_ENTRY;
}
