import { readdirSync, readFileSync } from "node:fs";

/**
 * The fields of a /proc/.../stat file after the command name (state, ppid, ...; utime and stime are
 * [11] and [12], cutime and cstime [13] and [14]), and the command name; null if the process is gone.
 * The name may hold spaces, so the fields are read after the last ')'.
 */
function readStat(path: string): { name: string; fields: string[] } | null {
  const stat = readText(path);
  if (!stat) return null;
  return { name: stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")), fields: stat.slice(stat.lastIndexOf(")") + 2).split(" ") };
}

const cpuTicks = (fields: string[]) => Number(fields[11]) + Number(fields[12]);

/** A process and all its descendants, from /proc (Linux). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(`/proc/${name}/stat`);
    if (!stat) continue;
    const ppid = Number(stat.fields[1]);
    const list = children.get(ppid);
    if (list) list.push(Number(name));
    else children.set(ppid, [Number(name)]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Resident memory (KiB) of a process and all its descendants. */
export function treeRssKb(root: number): number {
  let total = 0;
  for (const pid of processTree(root)) {
    const m = readText(`/proc/${pid}/status`)?.match(/^VmRSS:\s+(\d+) kB/m);
    if (m) total += Number(m[1]);
  }
  return total;
}

/** CPU seconds (user + system) used so far by a process and its live descendants. */
export function treeCpuSeconds(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    const stat = readStat(`/proc/${pid}/stat`);
    if (stat) ticks += cpuTicks(stat.fields);
  }
  return ticks / CLOCK_TICKS;
}

/**
 * CPU seconds used so far by the processes whose command name is `name` (e.g. "postgres"): the live ones,
 * plus what their exited children used, as their parents reaped them (the postmaster's cutime and cstime:
 * a backend that closes between two readings still counts, where a sum over live processes went backwards).
 */
export function namedCpuSeconds(name: string): number {
  const stats = new Map<number, string[]>();
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = readStat(`/proc/${pid}/stat`);
    if (stat?.name === name) stats.set(Number(pid), stat.fields);
  }
  let ticks = 0;
  for (const f of stats.values()) {
    ticks += cpuTicks(f);
    // Reaped children of a process outside the set (the postmaster's backends; not counted twice for nested ones).
    if (!stats.has(Number(f[1]))) ticks += Number(f[13]) + Number(f[14]);
  }
  return ticks / CLOCK_TICKS;
}

/** CPU seconds used so far by one thread (the main thread's tid is its process's pid). */
export function threadCpuSeconds(pid: number, tid = pid): number {
  const stat = readStat(`/proc/${pid}/task/${tid}/stat`);
  return stat ? cpuTicks(stat.fields) / CLOCK_TICKS : NaN;
}

/** The process of `root`'s tree that has used the most CPU so far (the server, of `next start`'s tree). */
export function busiestProcess(root: number): number {
  let best = root;
  let most = -1;
  for (const pid of processTree(root)) {
    const stat = readStat(`/proc/${pid}/stat`);
    if (!stat) continue;
    const ticks = cpuTicks(stat.fields);
    if (ticks > most) [best, most] = [pid, ticks];
  }
  return best;
}

/** CPU seconds spent by the whole machine (all cores, not idle) so far. */
export function machineCpuSeconds(): number {
  const line = readText("/proc/stat")?.split("\n")[0] ?? "";
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS;
}

/** USER_HZ: 100 on Linux builds of every common architecture. */
const CLOCK_TICKS = 100;

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** Samples treeRssKb(root) every `everyMs` until stopped; returns the peak in MiB. */
export function sampleRss(root: number, everyMs = 200): { stop(): number; peakMb(): number } {
  let peak = 0;
  const tick = () => {
    peak = Math.max(peak, treeRssKb(root));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      tick();
      return peak / 1024;
    },
    peakMb: () => peak / 1024,
  };
}
