import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const FORMATTER = "lib/dates/format-date.ts";

/** Ways of writing a date for people that depend on the machine (locale, time zone, ICU) or bypass the formatter. */
const FORBIDDEN: { name: string; pattern: RegExp; dirs: string[] }[] = [
  { name: "toLocaleString/DateString/TimeString", pattern: /\.toLocale(Date|Time)?String\(/, dirs: ["app", "components", "lib"] },
  { name: "Intl.DateTimeFormat", pattern: /Intl\.DateTimeFormat\s*\(/, dirs: ["app", "components", "lib"] },
  { name: "toUTCString", pattern: /\.toUTCString\(/, dirs: ["app", "components", "lib"] },
  // Pages and components show dates only through the formatter: no hand-cut ISO strings.
  { name: "an ISO string cut for display", pattern: /(toISOString\(\)|\bi?so|At|at|Until)\s*\.(slice|substring)\(\s*\d|\.replace\("T", " "\)/, dirs: ["app", "components"] },
];

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name === "node_modules" || name === "generated") continue;
      out.push(...sourceFiles(full));
    } else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

/** "file:line: text" for each forbidden use in the given sources (path relative to the root -> source). */
function findViolations(files: Record<string, string>): string[] {
  const found: string[] = [];
  for (const [file, source] of Object.entries(files)) {
    if (file === FORMATTER) continue;
    source.split("\n").forEach((line, i) => {
      for (const rule of FORBIDDEN) {
        if (rule.dirs.some((d) => file.startsWith(`${d}/`)) && rule.pattern.test(line)) found.push(`${file}:${i + 1}: ${rule.name}: ${line.trim()}`);
      }
    });
  }
  return found;
}

describe("one date formatter (lib/dates/format-date.ts) for every date a page shows", () => {
  it("no page, component or lib module formats a date any other way", () => {
    const files: Record<string, string> = {};
    for (const dir of ["app", "components", "lib"]) {
      for (const f of sourceFiles(path.join(root, dir))) files[path.relative(root, f)] = readFileSync(f, "utf8");
    }
    expect(findViolations(files)).toEqual([]);
  });

  it("would catch a new toLocale*String, Intl.DateTimeFormat or cut ISO string", () => {
    const found = findViolations({
      "components/x.tsx": "const a = new Date(at).toLocaleTimeString();\nconst b = d.toLocaleDateString('en-US');",
      "app/y/page.tsx": "const f = new Intl.DateTimeFormat('en-US');\n{v.at.toISOString().replace(\"T\", \" \").slice(0, 16)}",
      "lib/z.ts": "return d.toLocaleString();",
      [FORMATTER]: "new Intl.DateTimeFormat()",
    });
    expect(found.map((f) => f.split(":")[0] + ":" + f.split(":")[1])).toEqual(["components/x.tsx:1", "components/x.tsx:2", "app/y/page.tsx:1", "app/y/page.tsx:2", "lib/z.ts:1"]);
  });
});
