import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseSvgLogo, type Logo } from "./logo";

let cached: Promise<Logo | null> | null = null;

async function readLogo(): Promise<Logo | null> {
  try {
    return parseSvgLogo(await readFile(path.join(process.cwd(), "public", "icon.svg"), "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    cached = null;
    throw e;
  }
}

/** The icon from public/icon.svg, read once per process; null (no logo drawn) when the file is not deployed. */
export function loadLogo(): Promise<Logo | null> {
  cached ??= readLogo();
  return cached;
}
