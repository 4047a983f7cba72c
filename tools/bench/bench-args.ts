import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A bench script's command line: `--help` prints `usage` and where the script is explained, then exits;
 * `flag("x")` is --x given; `option("x", n)` the number after --x (else n); `only` the values of every
 * --only; `profileDir` a new temporary folder for V8 profiles when --profile is given (else null).
 */
export function benchArgs(usage: string, script: string) {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.includes(`--${name}`);
  if (flag("help")) {
    console.log(usage);
    console.log(
      `What each option does: the header of tools/bench/${script}; figures and how to read them: BENCHMARKS.md.`,
    );
    process.exit(0);
  }
  const option = (name: string, fallback: number) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  const only = new Set(args.flatMap((a, i) => (args[i - 1] === "--only" ? [a] : [])));
  const profileDir = flag("profile")
    ? mkdtempSync(path.join(os.tmpdir(), `meterly-bench-${path.parse(script).name}-prof-`))
    : null;
  return { flag, option, only, profileDir };
}
