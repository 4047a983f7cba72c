import fc from "fast-check";
import {
  BAD_UTF8,
  BYTES,
  RAW,
  bigStringText,
  jsonWithBytes,
  jsonWithRaw,
  nestedText,
  valuePaths,
  wideArrayText,
  wideObjectText,
  withValue,
  type Path,
} from "./json-text";

export const BODY_FAMILIES = [
  "wrong types",
  "huge/tiny numbers",
  "NaN/Infinity strings",
  "deep nesting",
  "wide objects",
  "unicode, surrogates, NUL",
  "wrong content type",
  "truncated JSON",
  "empty body",
  "1 MB+ body",
  "bad UTF-8 bytes",
] as const;
export type BodyFamily = (typeof BODY_FAMILIES)[number];

/** One request body and its content type (null: no content-type header; FormData sets its own). */
export type BodyCase = { family: BodyFamily; body: string | Uint8Array | FormData; contentType: string | null; note: string };

const JSON_TYPE = "application/json";
const NUMBER_TOKENS = ["1e400", "-1e400", "-0", "1e-400", "9007199254740993", "-9007199254740993", "-1", "0", "0.001", "1e21", "123456789012345678901234567890.5", "-0.0", "1E+2", "0.1e-999"];
const NUMBER_STRINGS = ["NaN", "Infinity", "-Infinity", "+Infinity", "1e400", "-0", "0x1F", "1_000", "20,000,000", " 12 ", "１２", "١٢", "", "-", ".", "0.001", "1e-400"];
const ODD_CHARS = ["\u0000", "\ud800", "\udfff", "\udc00\ud800", "😀", "\u202e", "\ufeff", "e\u0301", "\u2028", "𝟙", "\uffff", "'\"\\", "%00", "<script>"];

/** A place in the body to put a value: one of the sample's values, or a new key. */
function place(base: object): fc.Arbitrary<Path> {
  const paths = valuePaths(base);
  const newKey = fc.constantFrom<Path>(["zz_extra"], ["properties", "zz_extra"]);
  return paths.length ? fc.oneof(fc.constantFrom(...paths), newKey) : newKey;
}

const jsonScalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string({ maxLength: 20 }));
const wrongValue = fc.oneof(jsonScalar, fc.array(jsonScalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 5 }), jsonScalar, { maxKeys: 3 }), fc.constant(undefined));
const oddString = fc.array(fc.oneof(fc.constantFrom(...ODD_CHARS), fc.string({ unit: "binary", maxLength: 4 })), { minLength: 1, maxLength: 5 }).map((p) => p.join(""));

const json = (family: BodyFamily, note: string, body: string): BodyCase => ({ family, body, contentType: JSON_TYPE, note });

/** Every family of bad bodies, built around `base`, a valid body of the route (or {} for a route without one). */
export function bodyCases(base: object): fc.Arbitrary<BodyCase> {
  const at = place(base);
  const text = JSON.stringify(base);
  const families: fc.Arbitrary<BodyCase>[] = [
    fc.oneof(
      fc.tuple(at, wrongValue).map(([p, v]) => json("wrong types", `${p.join(".")}=${JSON.stringify(v) ?? "(removed)"}`, JSON.stringify(withValue(base, p, v)) ?? "")),
      fc.constantFrom("[]", "[{}]", '"text"', "42", "true", "null").map((t) => json("wrong types", `body ${t}`, t)),
    ),
    fc.tuple(at, fc.constantFrom(...NUMBER_TOKENS)).map(([p, t]) => json("huge/tiny numbers", `${p.join(".")}=${t}`, jsonWithRaw(withValue(base, p, RAW), t))),
    fc.tuple(at, fc.constantFrom(...NUMBER_STRINGS)).map(([p, s]) => json("NaN/Infinity strings", `${p.join(".")}="${s}"`, JSON.stringify(withValue(base, p, s)))),
    fc.tuple(fc.option(at, { nil: undefined }), fc.constantFrom(10_000, 2_000, 200), fc.constantFrom<"array" | "object">("array", "object")).map(([p, depth, kind]) =>
      json("deep nesting", `${p?.join(".") ?? "(body)"} ${kind} depth ${depth}`, p ? jsonWithRaw(withValue(base, p, RAW), nestedText(depth, kind)) : nestedText(depth, kind)),
    ),
    fc.tuple(fc.option(at, { nil: undefined }), fc.constantFrom("object", "array")).map(([p, kind]) => {
      const wide = kind === "object" ? wideObjectText(100_000) : wideArrayText(100_000);
      return json("wide objects", `${p?.join(".") ?? "(body)"} ${kind} of 100k`, p ? jsonWithRaw(withValue(base, p, RAW), wide) : wide);
    }),
    fc.tuple(at, oddString, fc.boolean()).map(([p, s, asKey]) =>
      json("unicode, surrogates, NUL", `${asKey ? "key" : "value"} ${JSON.stringify(s)}`, JSON.stringify(asKey ? withValue(base, [...p.slice(0, -1), s], 1) : withValue(base, p, s))),
    ),
    fc.constantFrom("text/plain", "form", "multipart", "none", "application/xml", "application/json; charset=utf-16", "application/cloudevents+json; charset=utf-8", "*/*").map((kind): BodyCase => {
      const family = "wrong content type";
      if (kind === "form") return { family, body: new URLSearchParams(flat(base)).toString(), contentType: "application/x-www-form-urlencoded", note: kind };
      if (kind === "multipart") {
        const form = new FormData();
        for (const [k, v] of Object.entries(flat(base))) form.append(k, v);
        return { family, body: form, contentType: null, note: kind };
      }
      if (kind === "application/xml") return { family, body: "<event><id>1</id></event>", contentType: kind, note: kind };
      return { family, body: text, contentType: kind === "none" ? null : kind, note: kind };
    }),
    fc.integer({ min: 1, max: Math.max(1, text.length - 1) }).map((n) => json("truncated JSON", `first ${n} of ${text.length} chars`, text.slice(0, n))),
    fc.constantFrom("", " ", "\n\t", "null", "{}", "[]", '""', "0", "\ufeff{}").map((t) => json("empty body", JSON.stringify(t), t)),
    fc.tuple(fc.option(at, { nil: undefined }), fc.constantFrom(1024 * 1024 + 1, 2 * 1024 * 1024)).map(([p, n]) =>
      json("1 MB+ body", `${n} bytes at ${p?.join(".") ?? "pad"}`, jsonWithRaw(withValue(base, p ?? ["pad"], RAW), bigStringText(n))),
    ),
    fc.tuple(at, fc.constantFrom(...BAD_UTF8)).map(([p, bytes]): BodyCase => ({
      family: "bad UTF-8 bytes",
      body: jsonWithBytes(withValue(base, p, `a${BYTES}b`), bytes),
      contentType: JSON_TYPE,
      note: `${p.join(".")} bytes ${bytes.map((b) => b.toString(16)).join(" ")}`,
    })),
  ];
  return fc.oneof(...families);
}

/** The top-level fields of a body as strings, for a form or multipart body. */
function flat(base: object): Record<string, string> {
  return Object.fromEntries(Object.entries(base).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}
