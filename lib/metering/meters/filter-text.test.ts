import { describe, expect, it } from "vitest";
import { formatFilterText, parseFilterText } from "./filter-text";

describe("filter text (the admin form's filters box)", () => {
  it.each([
    ["", {}],
    ["region = eu", { region: "eu" }],
    ["model in gpt-4, gpt-5\nregion = eu", { model: ["gpt-4", "gpt-5"], region: "eu" }],
    ["tier = 3\nbeta = true", { tier: 3, beta: true }],
    ['tier = "3"', { tier: "3" }],
    ['name in "a, b", c', { name: ["a, b", "c"] }],
    ["  region   =   eu west  ", { region: "eu west" }],
    ["model IN a", { model: ["a"] }],
  ])("parses %j", (text, filters) => {
    expect(parseFilterText(text)).toEqual({ ok: true, filters });
  });

  it.each(["region", "region =", "= eu", "model in a,", 'model = "unterminated', "model = a, b", "a = 1\na = 2"])("refuses %j with a problem on filters", (text) => {
    const r = parseFilterText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ field: "filters" });
  });

  it.each([{ region: "eu" }, { model: ["a, b", "c"], tier: 3, beta: false, code: "42", flag: "true", blank: " x " }])("round-trips %j", (filters) => {
    expect(parseFilterText(formatFilterText(filters))).toEqual({ ok: true, filters });
  });
});
