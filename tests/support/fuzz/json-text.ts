/** Building JSON text that JSON.stringify cannot write: raw number tokens, huge nestings, invalid bytes. */

/** Stands in for a value in a body; replaced by raw JSON text after stringifying. */
export const RAW = "@@RAW@@";
export const BYTES = "@@BYTES@@";

export type Path = (string | number)[];

/** The paths of every value in a JSON value (objects and arrays too), the root excluded. */
export function valuePaths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== "object" || value === null) return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...valuePaths(v, [...prefix, k])]);
}

/** A deep copy of `value` with the value at `path` replaced (undefined removes it). */
export function withValue(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  const [head, ...rest] = path;
  copy[head] = withValue(copy[head], rest, replacement);
  if (replacement === undefined && rest.length === 0) delete copy[head];
  return copy;
}

/** The JSON text of `value`, where the string RAW stands for `raw` (any text, valid JSON or not). */
export function jsonWithRaw(value: unknown, raw: string): string {
  return JSON.stringify(value).replace(JSON.stringify(RAW), () => raw);
}

/** UTF-8 bytes of the JSON text of `value`, with `bytes` (any bytes) in place of the string BYTES's letters. */
export function jsonWithBytes(value: unknown, bytes: number[]): Uint8Array {
  const [before, after] = JSON.stringify(value).split(BYTES);
  if (after === undefined) return new TextEncoder().encode(before);
  return new Uint8Array([...new TextEncoder().encode(before), ...bytes, ...new TextEncoder().encode(after)]);
}

/** `depth` nested arrays or objects around a 1, as text (JSON.stringify of such a value would overflow the stack). */
export function nestedText(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "1" + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

const cache = new Map<string, string>();
function once(key: string, make: () => string): string {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key)!;
}

/** An object with `n` keys ("0".."n-1" in base 36), as text: 100,000 keys stay under the 1 MB body limit. */
export const wideObjectText = (n: number) =>
  once(`wide-object-${n}`, () => `{${Array.from({ length: n }, (_, i) => `"${i.toString(36)}":0`).join(",")}}`);

/** An array of `n` small numbers, as text. */
export const wideArrayText = (n: number) => once(`wide-array-${n}`, () => `[${Array.from({ length: n }, (_, i) => i % 10).join(",")}]`);

/** A string of `bytes` letters, as JSON text: with the rest of a body, over the 1 MB limit. */
export const bigStringText = (bytes: number) => once(`big-${bytes}`, () => JSON.stringify("x".repeat(bytes)));

/** Byte sequences that are not UTF-8: stray continuation, overlong, surrogate, truncated, 0xFF, Latin-1 é. */
export const BAD_UTF8: number[][] = [
  [0x80],
  [0xff],
  [0xfe, 0xff],
  [0xc0, 0xaf],
  [0xc3, 0x28],
  [0xed, 0xa0, 0x80],
  [0xe2, 0x82],
  [0xf0, 0x9f, 0x98],
  [0xe9],
  [0xf4, 0x90, 0x80, 0x80],
];
