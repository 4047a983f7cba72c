import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

/**
 * Holds the lock that builds and e2e runs share (`flock` on meterly-build.lock in the temporary folder)
 * for as long as the chaos run uses .next: another build would replace it under the app between restarts.
 * The lock is held by a `flock ... cat` child: it ends, and frees the lock, when release() closes its
 * input or when this process dies.
 */
export async function holdBuildLock(): Promise<{ release(): void }> {
  const file = process.env.METERLY_BUILD_LOCK ?? path.join(os.tmpdir(), "meterly-build.lock");
  const child = spawn("flock", [file, "sh", "-c", "echo locked; exec cat >/dev/null"], { stdio: ["pipe", "pipe", "inherit"] });
  const waiting = setTimeout(() => console.log(`Waiting for the build lock (${file}): a build or e2e run holds it...`), 2000);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`flock exited with ${code}`)));
  });
  clearTimeout(waiting);
  return { release: () => child.stdin!.end() };
}
