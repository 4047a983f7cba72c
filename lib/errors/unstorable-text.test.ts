import { describe, expect, it } from "vitest";
import { unstorableText } from "./unstorable-text";

describe("unstorableText", () => {
  it("finds NUL and lone surrogates in strings and keys, by dotted path", () => {
    expect(unstorableText({ a: [1, { b: "x\u0000" }] }, "")).toMatchObject({ field: "a.1.b", rule: "no_nul_character" });
    expect(unstorableText({ a: { "k\u0000": 1 } }, "properties")).toMatchObject({ field: "properties.a", rule: "no_nul_character" });
    expect(unstorableText(["\ud800"], "")).toMatchObject({ field: "0", rule: "well_formed_unicode" });
    expect(unstorableText("\udfff\ud800", "id")).toMatchObject({ field: "id", rule: "well_formed_unicode" });
    expect(unstorableText("x\u0000", "")).toMatchObject({ field: "(body)" });
  });

  it("passes text Postgres stores: paired surrogates, other control characters, empty values", () => {
    expect(unstorableText({ e: "😀\ud83d\ude00", c: "\u0001\u001f", n: null, list: [] }, "")).toBeNull();
  });

  it("refuses nesting past maxDepth, and walks 100,000 levels without overflowing", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(unstorableText(deep, "properties", 100)).toMatchObject({ field: "properties", rule: "max_depth" });
    expect(unstorableText(deep, "")).toBeNull();
  });
});
