/**
 * Part of `npm run build`, after `next build`: bundles the ingest worker thread (lib/metering/ingest-worker/
 * worker-main.ts and the project code it imports; packages stay imports) into one ES module next to the
 * build, stamped with the build's id. The production server runs that bundle; without it, or when the
 * stamp is not the current build's (a `next build` alone), it loads the TypeScript through tsx instead.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { WORKER_BUNDLE_DIR, WORKER_BUNDLE_FILE } from "@/lib/metering/ingest-worker/worker-bundle";

async function main() {
  if (!existsSync(".next/BUILD_ID")) throw new Error("Run `next build` first: the worker bundle is stamped with its build id");
  const dir = path.resolve(WORKER_BUNDLE_DIR);
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: ["lib/metering/ingest-worker/worker-main.ts"],
    outfile: path.join(dir, WORKER_BUNDLE_FILE),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["react-server"],
    packages: "external",
    alias: { "@": "." },
    logLevel: "warning",
  });
  copyFileSync(".next/BUILD_ID", path.join(dir, "BUILD_ID"));
  console.log(`Bundled the ingest worker into ${path.relative(process.cwd(), dir)}/`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
