import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventInputSchema } from "./event-input";
import { parseEventInput } from "./parse-event-input";

/** The fast path must be indistinguishable from the schema: same verdict, same data, same problems. */
function expectSameAsSchema(raw: unknown) {
  const fast = parseEventInput(raw);
  const schema = eventInputSchema.safeParse(raw);
  expect(fast.success).toBe(schema.success);
  if (fast.success && schema.success) expect(fast.data).toStrictEqual(schema.data);
  if (!fast.success && !schema.success) expect(fast.error.issues).toEqual(schema.error.issues);
}

const digits = (n: number) => fc.integer({ min: 0, max: 10 ** n - 1 }).map((v) => String(v).padStart(n, "0"));

/** Timestamps near and far from valid: real dates, impossible dates, odd offsets and fractions. */
const timestamp = fc.oneof(
  fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2200-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .tuple(digits(4), digits(2), digits(2), digits(2), digits(2), digits(2), fc.option(fc.integer({ min: 0, max: 999999 })), fc.constantFrom("Z", "+00:00", "-05:30", "+23:59", "+24:00", "", "z", "+0100", "-12:60"))
    .map(([y, mo, d, h, mi, s, frac, off]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${frac === null ? "" : `.${frac}`}${off}`),
  fc.constantFrom("2026-02-29T00:00:00Z", "2024-02-29T00:00:00Z", "2026-01-31T12:00Z", "2026-01-31 12:00:00Z", "2026-01-31T12:00:00", "", "now", "2026-01-31T12:00:00.Z"),
  fc.string(),
  fc.integer(),
  fc.constant(null),
);

const text = (max: number) => fc.oneof(fc.string({ minLength: 0, maxLength: max + 2 }), fc.constant("x".repeat(max)), fc.constant("x".repeat(max + 1)), fc.integer(), fc.constant(null));

const properties = fc.oneof(
  fc.dictionary(fc.string(), fc.jsonValue()),
  fc.constant(JSON.parse('{"__proto__": {"a": 1}, "tokens": 5}')),
  fc.array(fc.integer()),
  fc.string(),
  fc.constant(null),
);

const event = fc.record(
  { id: text(128), customer: text(255), type: text(255), timestamp, properties, extra: fc.jsonValue() },
  { requiredKeys: [] },
);

describe("parseEventInput", () => {
  it("agrees with eventInputSchema on generated events (valid and invalid)", () => {
    fc.assert(fc.property(event, expectSameAsSchema), { numRuns: 3000 });
  });

  it("agrees on well-formed events, which take the fast path", () => {
    const valid = fc.record(
      {
        id: fc.string({ minLength: 1, maxLength: 128 }),
        customer: fc.string({ minLength: 1, maxLength: 255 }),
        type: fc.string({ minLength: 1, maxLength: 255 }),
        timestamp: fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2100-01-01T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
        properties: fc.dictionary(fc.string(), fc.jsonValue()),
      },
      { requiredKeys: ["id", "customer", "type"] },
    );
    fc.assert(
      fc.property(valid, (raw) => {
        expect(parseEventInput(raw).success).toBe(true);
        expectSameAsSchema(raw);
      }),
      { numRuns: 1000 },
    );
  });

  it.each([
    ["not an object", "evt"],
    ["null", null],
    ["an array", [{ id: "a" }]],
    ["an empty id", { id: "", customer: "c", type: "t" }],
    ["an id of 129 characters", { id: "i".repeat(129), customer: "c", type: "t" }],
    ["a numeric id", { id: 7, customer: "c", type: "t" }],
    ["a timestamp without offset", { id: "a", customer: "c", type: "t", timestamp: "2026-01-01T00:00:00" }],
    ["a timestamp on 30 February", { id: "a", customer: "c", type: "t", timestamp: "2026-02-30T00:00:00Z" }],
    ["array properties", { id: "a", customer: "c", type: "t", properties: [1] }],
    ["a __proto__ property", { id: "a", customer: "c", type: "t", properties: JSON.parse('{"__proto__": 1}') }],
    ["unknown fields", { id: "a", customer: "c", type: "t", region: "eu" }],
    ["explicit undefined fields", { id: "a", customer: "c", type: "t", timestamp: undefined, properties: undefined }],
  ])("agrees on %s", (_name, raw) => expectSameAsSchema(raw));
});
