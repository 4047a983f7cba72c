import { describe, expect, it } from "vitest";
import type { ComposedLine } from "../invoice-types";
import { addToBilled, deltaTotals, lineDeltas, lineKey, type BilledLine } from "./line-deltas";

const line = (
  kind: ComposedLine["kind"],
  meterId: string | null,
  amountMinor: bigint,
  quantity: string | null = null,
): ComposedLine => ({
  kind,
  description: `${kind} ${meterId ?? ""}`,
  subscriptionId: "s",
  meterId,
  fromAt: new Date(0),
  toAt: new Date(1),
  quantity,
  includedUnits: null,
  amountExact: (Number(amountMinor) / 100).toString(),
  amountMinor,
  details: {},
});
const billedOf = (lines: BilledLine[]) => new Map(lines.map((l) => [lineKey(l), l]));

describe("line deltas", () => {
  it("lists only lines whose charged amount changed, with quantities before and after", () => {
    const billed = billedOf([
      line("BASE_FEE", null, 2000n),
      line("USAGE", "a", 500n, "50"),
      line("USAGE", "b", 0n, "10"),
    ]);
    const now = [line("BASE_FEE", null, 2000n), line("USAGE", "a", 300n, "30"), line("USAGE", "b", 0n, "5")];
    const d = lineDeltas(billed, now);
    expect(
      d.map((x) => [x.kind, x.meterId, x.quantityBefore, x.quantityAfter, x.amountMinor, x.amountExact]),
    ).toEqual([["USAGE", "a", "50", "30", -200n, "-2"]]);
    expect(deltaTotals(d)).toEqual({ chargesMinor: -200n, creditsMinor: 0n });
  });

  it("counts a minimum top-up that grows as usage falls, and credits returned", () => {
    const billed = billedOf([
      line("USAGE", "a", 500n, "50"),
      line("MINIMUM_SPEND", null, 500n),
      line("CREDITS_APPLIED", null, -500n),
    ]);
    const now = [
      line("USAGE", "a", 300n, "30"),
      line("MINIMUM_SPEND", null, 700n),
      line("CREDITS_APPLIED", null, -300n),
    ];
    const d = lineDeltas(billed, now);
    expect(d.map((x) => [x.kind, x.amountMinor])).toEqual([
      ["USAGE", -200n],
      ["MINIMUM_SPEND", 200n],
      ["CREDITS_APPLIED", 200n],
    ]);
    expect(deltaTotals(d)).toEqual({ chargesMinor: 0n, creditsMinor: -200n });
  });

  it("a line gone from the composition is reversed; a new one is added", () => {
    const billed = billedOf([line("MINIMUM_SPEND", null, 400n)]);
    const d = lineDeltas(billed, [line("USAGE", "a", 900n, "90")]);
    expect(d.map((x) => [x.kind, x.amountMinor, x.quantityBefore, x.quantityAfter])).toEqual([
      ["USAGE", 900n, null, "90"],
      ["MINIMUM_SPEND", -400n, null, null],
    ]);
  });

  it("what supplements added and credit notes took is part of what was billed", () => {
    const billed = billedOf([line("USAGE", "a", 500n, "50")]);
    addToBilled(billed, [{ ...line("USAGE", "a", 100n, "60") }]);
    addToBilled(billed, [{ ...line("USAGE", "a", -150n, "45") }]);
    expect(billed.get(lineKey(line("USAGE", "a", 0n)))).toMatchObject({
      amountMinor: 450n,
      quantity: "45",
      amountExact: "4.5",
    });
    expect(lineDeltas(billed, [line("USAGE", "a", 450n, "45")])).toEqual([]);
  });
});
