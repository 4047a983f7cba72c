import { describe, expect, it } from "vitest";
import { problemsByField } from "@/lib/errors/problems-by-field";
import { meterInputFromForm } from "./meter-form-input";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("meterInputFromForm", () => {
  it("reads every field of the create form", () => {
    const r = meterInputFromForm(
      form({ key: " tokens ", name: "Tokens", eventType: "llm", aggregation: "SUM", valueProperty: "tokens", groupBy: "model, region,", filters: "region = eu", unit: "tokens", allowNegativeField: "1", allowNegative: "on" }),
    );
    expect(r).toEqual({
      ok: true,
      input: { key: "tokens", name: "Tokens", eventType: "llm", aggregation: "SUM", valueProperty: "tokens", groupBy: ["model", "region"], filters: { region: "eu" }, unit: "tokens", allowNegative: true },
    });
  });

  it("leaves out what the form does not hold, and reads an unticked box as false", () => {
    expect(meterInputFromForm(form({ name: "Renamed", allowNegativeField: "1" }))).toEqual({ ok: true, input: { name: "Renamed", allowNegative: false } });
  });

  it("reports malformed filter text on the filters field", () => {
    const r = meterInputFromForm(form({ filters: "region" }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(problemsByField(r.problems)).toEqual({ filters: expect.stringContaining("line 1") });
  });
});
