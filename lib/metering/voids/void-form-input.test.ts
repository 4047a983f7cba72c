import { describe, expect, it } from "vitest";
import { voidInputFromForm } from "./void-form-input";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  return f;
};

describe("voidInputFromForm", () => {
  it("reads a single-event void", () => {
    expect(voidInputFromForm(form({ mode: "one", customer: "acme", eventId: " e1 ", reason: "dup", eventType: "ignored" }))).toEqual({ customer: "acme", eventId: "e1", reason: "dup" });
  });

  it("reads a filter void with times in UTC and an optional property", () => {
    expect(voidInputFromForm(form({ mode: "matching", customer: "acme", eventType: "llm", from: "2026-03-01T10:00", to: "2026-03-01T12:30", propertyName: "model", propertyValue: "x", reason: "bad" }))).toEqual({
      customer: "acme",
      eventType: "llm",
      from: "2026-03-01T10:00:00Z",
      to: "2026-03-01T12:30:00Z",
      property: { name: "model", value: "x" },
      reason: "bad",
    });
    expect(voidInputFromForm(form({ mode: "matching", customer: "acme", eventType: "llm", from: "", to: "x", reason: "r" }))).not.toHaveProperty("property");
  });
});
