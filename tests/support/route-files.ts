import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type RouteFile = {
  /** Path from the project root, e.g. app/api/v1/customers/[externalId]/credits/route.ts */
  file: string;
  /** The URL path with its params as written: /api/v1/customers/[externalId]/credits */
  urlPath: string;
  params: string[];
};

const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : name === "route.ts" ? [full] : [];
  });
}

/** Every route.ts under these folders of app/ (e.g. "api/v1"), read from the tree, so a new route is covered at once. */
export function routeFiles(...under: string[]): RouteFile[] {
  return under
    .flatMap((u) => walk(path.join(root, "app", u)))
    .map((full) => {
      const file = path.relative(root, full).split(path.sep).join("/");
      const urlPath = "/" + path.dirname(file).replace(/^app\//, "").replace(/\([^)]*\)\//g, "");
      const params = [...urlPath.matchAll(/\[(?:\.\.\.)?([^\]]+)\]/g)].map((m) => m[1]);
      return { file, urlPath, params };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The handlers a route module exports, by method. */
export async function routeHandlers(route: RouteFile): Promise<Partial<Record<HttpMethod, (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>>>> {
  const mod = await import(/* @vite-ignore */ path.join(root, route.file));
  return Object.fromEntries(HTTP_METHODS.filter((m) => typeof mod[m] === "function").map((m) => [m, mod[m]]));
}

/** The URL of a route with these params filled in (each encoded as a browser would). */
export function routeUrl(route: RouteFile, params: Record<string, string>, query = ""): string {
  const p = route.urlPath.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_, name: string) => encodeURIComponent((params[name] ?? "x").toWellFormed()));
  return `http://localhost${p}${query ? `?${query}` : ""}`;
}
