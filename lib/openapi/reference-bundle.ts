import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** Scalar's standalone browser bundle (one file, no eval, no chunks), from the installed package. */
const BUNDLE = "node_modules/@scalar/api-reference/dist/browser/standalone.js";

let bundle: Promise<Buffer> | undefined;

/**
 * The API reference page's script, served from our own origin (nothing loads from a CDN): read once per
 * process. The bundler must not follow this path: it is read at run time from the app's directory.
 */
export function scalarBundle(): Promise<Buffer> {
  bundle ??= readFile(path.join(/* turbopackIgnore: true */ process.cwd(), BUNDLE)).catch((e: unknown) => {
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
