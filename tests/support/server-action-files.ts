import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

export type ServerAction = { file: string; name: string; role: "admin" | "member" | "public" };
export type ActionFn = (...args: unknown[]) => Promise<unknown>;

/**
 * Every exported function of every "use server" file in app/, read from the tree, without importing
 * them: admin actions live under app/admin, members' under app/(portal), the rest are public (sign-in
 * links, password reset).
 */
export function serverActions(): ServerAction[] {
  return walk(path.join(root, "app"))
    .map((full) => ({ full, text: readFileSync(full, "utf8") }))
    .filter(({ text }) => /^\s*["']use server["']/.test(text))
    .flatMap(({ full, text }) => {
      const file = path.relative(root, full).split(path.sep).join("/");
      const role = file.startsWith("app/admin/") ? ("admin" as const) : file.startsWith("app/(portal)/") ? ("member" as const) : ("public" as const);
      return [...text.matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => ({ file, name: m[1], role }));
    })
    .sort((a, b) => `${a.file}#${a.name}`.localeCompare(`${b.file}#${b.name}`));
}

/** The action itself, imported as a page would. */
export async function loadAction(a: ServerAction): Promise<ActionFn> {
  const mod = await import(/* @vite-ignore */ path.join(root, a.file));
  if (typeof mod[a.name] !== "function") throw new Error(`${a.file} exports no function ${a.name}`);
  return mod[a.name];
}
