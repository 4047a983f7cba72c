import { describe, expect, it } from "vitest";
import { draftFromModel, draftProblems, emptyDraft, modelFromDraft, withPricePer, type PriceDraft } from "@/components/plans/price-draft";

const tiered = (patch: Partial<PriceDraft>): PriceDraft => ({ ...emptyDraft("m"), kind: "graduated", ...patch });

describe("the plan editor's price draft: typed per unit, 1K or 1M, stored per unit, read by the one parser", () => {
  it("a price typed per 1M is stored per unit, exactly; grouped tier bounds are read as numbers", () => {
    const d = tiered({ per: "1M", includedUnits: "1,000", tiers: [{ upTo: "20,000,000", unitPrice: "3", flatFee: "" }, { upTo: "", unitPrice: "2.50", flatFee: "5" }] });
    expect(draftProblems(d, 0)).toEqual([]);
    expect(modelFromDraft(d)).toEqual({
      kind: "graduated",
      includedUnits: "1000",
      tiers: [
        { upTo: "20000000", unitPrice: "0.000003" },
        { upTo: null, unitPrice: "0.0000025", flatFee: "5" },
      ],
    });
  });

  it("stored token prices open per 1M, as the summaries show them, and switching the unit keeps the price", () => {
    const d = draftFromModel("m", { kind: "per_unit", unitPrice: "0.0000025" });
    expect([d.per, d.unitPrice]).toEqual(["1M", "2.5"]);
    const perK = withPricePer(d, "1K");
    expect([perK.per, perK.unitPrice]).toEqual(["1K", "0.0025"]);
    expect(modelFromDraft(perK)).toEqual(modelFromDraft(d));
    expect(draftFromModel("m", { kind: "per_unit", unitPrice: "0.5" }).per).toBe("unit");
  });

  it("what does not parse is named by field with the parser's reason, before anything is sent", () => {
    const d = tiered({ tiers: [{ upTo: "1,5", unitPrice: "abc", flatFee: "" }, { upTo: "", unitPrice: "1", flatFee: "" }] });
    expect(draftProblems(d, 2).map((p) => [p.field, p.message.split(":")[0]])).toEqual([
      ["prices.2.model.tiers.0.upTo", '"1,5" is ambiguous'],
      ["prices.2.model.tiers.0.unitPrice", "use only digits, one \".\" for decimals, and , _ or space to group thousands"],
    ]);
  });
});
