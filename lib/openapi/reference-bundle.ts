import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** Scalar's standalone browser bundle (one file, no eval, no chunks), from the installed package. */
const BUNDLE = "node_modules/@scalar/api-reference/dist/browser/standalone.js";

let bundle: Promise<Buffer> | undefined;

/**
 * Scalar bundles zod 4, which probes `Function("")` once to see whether it may compile parsers; under our
 * CSP (no 'unsafe-eval') the probe is refused and reported as a violation. zod reads its settings from
 * globalThis.__zod_globalConfig: set jitless first, and it never tries.
 */
const ZOD_JITLESS = Buffer.from("globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });\n");

/**
 * The API reference page's script, served from our own origin (nothing loads from a CDN): read once per
 * process. The bundler must not follow this path: it is read at run time from the app's directory.
 */
export function scalarBundle(): Promise<Buffer> {
  bundle ??= readFile(path.join(/* turbopackIgnore: true */ process.cwd(), BUNDLE)).then((b) => Buffer.concat([ZOD_JITLESS, b])).catch((e: unknown) => {
    bundle = undefined;
    throw e;
  });
  return bundle;
}

/**
 * Scalar's configuration for /docs/api: the document from this origin, no web fonts from Scalar's CDN,
 * no telemetry, no AI agent or hosted client buttons (they call Scalar's servers).
 */
export const REFERENCE_CONFIGURATION = {
  url: "/api/v1/openapi.json",
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
  documentDownloadType: "json",
  persistAuth: false,
};
