import fc from "fast-check";

export const FORM_FAMILIES = ["missing fields", "wrong types (files)", "huge strings", "NUL and unicode", "money amounts", "repeated fields", "good values"] as const;
export type FormFamily = (typeof FORM_FAMILIES)[number];

/** Amounts a person might type, or a script might post: huge, negative zero, too precise, grouped, words. */
export const MONEY = ["1e400", "-1e400", "-0", "0", "0.001", "0.005", "20,000,000", "1,5", "20.000.000,50", "-5", "1e3", "NaN", "Infinity", "-Infinity", " 12.34 ", "12.345", "１２", "$10", "10 USD", "9".repeat(40), "0x10", "", "."];
const ODD = ["\u0000", "a\u0000b", "\ud800", "\udfff", "😀", "\u202e", "\ufeff", "' OR 1=1 --", "<b>x</b>", "%00", "\r\n"];

export type FormCase = { family: FormFamily; entries: [string, string | Blob][]; note: string };

/**
 * Form submissions for an action with these fields, each field's good value given (so that the action
 * is reached past its first check now and then): fields left out, files where text is expected, 100 kB
 * strings, NUL, lone surrogates, money amounts in every wrong shape, a field posted twice.
 */
export function formCases(good: Record<string, string>): fc.Arbitrary<FormCase> {
  const names = Object.keys(good);
  const pick = names.length ? fc.constantFrom(...names) : fc.constant("zz_extra");
  const withField = (family: FormFamily, value: fc.Arbitrary<string | Blob>) =>
    fc.tuple(pick, value).map(([name, v]): FormCase => ({
      family,
      entries: [...Object.entries(good).filter(([n]) => n !== name), [name, v]],
      note: `${name}=${typeof v === "string" ? JSON.stringify(v.slice(0, 60)) : "(file)"}`,
    }));
  return fc.oneof(
    fc.subarray(names).map((kept): FormCase => ({ family: "missing fields", entries: kept.map((n) => [n, good[n]]), note: `only ${kept.join(",") || "(none)"}` })),
    withField("wrong types (files)", fc.constantFrom(new Blob(["x"]), new File(["{}"], "a.json", { type: "application/json" }), new Blob([new Uint8Array([0xff, 0xfe])]))),
    withField("huge strings", fc.constantFrom("x".repeat(100_000), "9".repeat(10_000), " ".repeat(50_000), "é".repeat(30_000))),
    withField("NUL and unicode", fc.oneof(fc.constantFrom(...ODD), fc.string({ unit: "binary", maxLength: 12 }))),
    withField("money amounts", fc.constantFrom(...MONEY)),
    fc.tuple(pick, fc.constantFrom(...MONEY, ...ODD)).map(([name, v]): FormCase => ({ family: "repeated fields", entries: [...Object.entries(good), [name, v]], note: `${name} twice, then ${JSON.stringify(v)}` })),
    fc.constant<FormCase>({ family: "good values", entries: Object.entries(good), note: "as the form posts it" }),
  ).map((c) => Object.assign(c, { [fc.toStringMethod]: () => `${c.family}: ${c.note}` }));
}

export function toFormData(c: FormCase): FormData {
  const form = new FormData();
  for (const [k, v] of c.entries) form.append(k, v);
  return form;
}
