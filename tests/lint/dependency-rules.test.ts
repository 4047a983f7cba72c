import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const config = path.join(root, ".dependency-cruiser.cjs");
const depcruise = path.join(root, "node_modules/.bin/depcruise");
const dirs: string[] = [];

/** Writes a small project (path -> source) and returns the rule names depcruise reports, one per violation. */
function violations(files: Record<string, string>): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), "meterly-deps-"));
  dirs.push(dir);
  writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { baseUrl: ".", paths: { "@/*": ["./*"] } } }));
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), source);
  }
  let out: string;
  try {
    const roots = ["lib", "components"].filter((r) => existsSync(path.join(dir, r)));
    out = execFileSync(depcruise, [...roots, "--config", config, "--output-type", "json"], { cwd: dir, encoding: "utf8" });
  } catch (e) {
    out = (e as { stdout: string }).stdout; // exits nonzero when it finds errors
  }
  const result = JSON.parse(out) as { summary: { violations: { rule: { name: string } }[] } };
  return result.summary.violations.map((v) => v.rule.name).sort();
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("the dependency rules (npm run lint:deps)", () => {
  it("accept folders that depend one way", () => {
    expect(violations({ "lib/a/x.ts": 'import { y } from "@/lib/b/y";\nexport const x = y;\n', "lib/b/y.ts": "export const y = 1;\n" })).toEqual([]);
  });

  it("reject two lib folders that import each other, though no file imports itself", () => {
    const found = violations({
      "lib/a/x.ts": 'import { y } from "@/lib/b/y";\nexport const x = y;\n',
      "lib/a/z.ts": "export const z = 1;\n",
      "lib/b/y.ts": 'import { z } from "@/lib/a/z";\nexport const y = z;\n',
    });
    expect(found).toContain("no-folder-cycle");
    expect(found).not.toContain("no-file-cycle");
  });

  it("reject a cycle between files", () => {
    expect(violations({ "lib/a/x.ts": 'import { y } from "./y";\nexport const x = () => y;\n', "lib/a/y.ts": 'import { x } from "./x";\nexport const y = () => x;\n' })).toContain("no-file-cycle");
  });

  it("reject components and lib importing from app", () => {
    const found = violations({
      "app/page.tsx": "export const action = 1;\n",
      "components/form.tsx": 'import { action } from "@/app/page";\nexport const f = action;\n',
      "lib/a/x.ts": 'import { action } from "@/app/page";\nexport const x = action;\n',
    });
    expect(found.filter((r) => r === "no-app-imports")).toHaveLength(2);
  });
});
