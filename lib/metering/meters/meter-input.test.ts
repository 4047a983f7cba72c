import { describe, expect, it } from "vitest";
import { sameJson, validateMeterFields } from "./meter-input";

const base = { key: "llm_tokens", name: "LLM tokens", eventType: "llm_tokens", aggregation: "SUM", valueProperty: "tokens" };

describe("validateMeterFields", () => {
  it("fills defaults", () => {
    expect(validateMeterFields(base)).toEqual({ ok: true, value: { ...base, groupBy: [], filters: {}, unit: "units", allowNegative: false } });
  });

  it("treats an empty value property as none, which a COUNT meter wants", () => {
    const r = validateMeterFields({ ...base, aggregation: "COUNT", valueProperty: " " });
    expect(r.ok && r.value.valueProperty).toBeNull();
  });

  it.each([
    ["ab", true],
    ["a", false],
    ["a".repeat(63), true],
    ["a".repeat(64), false],
    ["tokens_v2", true],
    ["_tokens", false],
    ["tokens-v2", false],
  ])("key %j valid: %s", (key, ok) => {
    expect(validateMeterFields({ ...base, key }).ok).toBe(ok);
  });

  it.each(["SUM", "MAX", "LATEST", "UNIQUE_COUNT"])("%s needs a value property", (aggregation) => {
    expect(validateMeterFields({ ...base, aggregation, valueProperty: null })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ field: "valueProperty", rule: "required" })],
    });
  });

  it("accepts equality and list filters of strings, numbers and booleans", () => {
    const filters = { region: "eu", tier: [1, 2], beta: true };
    const r = validateMeterFields({ ...base, filters });
    expect(r.ok && r.value.filters).toEqual(filters);
  });

  it("refuses more than 5 group-by dimensions", () => {
    const r = validateMeterFields({ ...base, groupBy: ["a", "b", "c", "d", "e", "f"] });
    expect(r.ok).toBe(false);
  });
});

describe("sameJson", () => {
  it("ignores object key order but not array order", () => {
    expect(sameJson({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1 })).toBe(true);
    expect(sameJson(["a", "b"], ["b", "a"])).toBe(false);
    expect(sameJson(null, null)).toBe(true);
    expect(sameJson("1", 1)).toBe(false);
  });
});
