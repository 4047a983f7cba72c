/**
 * Rating benchmark: npm run bench:rate (tools/bench/rate.ts)
 * Rates 1,000,000 usage increments (seeded PRNG, small random quantities) over a graduated and a
 * volume price, prints increments/s (median of 3 runs) and checks that the increments sum to the
 * one-shot price exactly and the running-charge debits to round(price). Exits 1 on any mismatch.
 */
import type Decimal from "decimal.js";
import { MoneyDecimal, ZERO } from "@/lib/money/decimal";
import { toMinorUnits } from "@/lib/money/round";
import type { PriceModel } from "@/lib/rating/price-model";
import { priceQuantity } from "@/lib/rating/price-quantity";
import { rateIncrement } from "@/lib/rating/rate-increment";
import { RunningCharge } from "@/lib/rating/running-charge";
import { prng } from "./prng";

const INCREMENTS = 1_000_000;
const RUNS = 3;
const SEED = 0x5eed;

/** Token-style prices (per token), crossing every tier within the run's ~500M units. */
const MODELS: Record<string, PriceModel> = {
  graduated: {
    kind: "graduated",
    includedUnits: "100000",
    tiers: [
      { upTo: "10000000", unitPrice: "0.000003" },
      { upTo: "100000000", unitPrice: "0.0000025", flatFee: "5" },
      { upTo: null, unitPrice: "0.0000019", flatFee: "20" },
    ],
  },
  volume: {
    kind: "volume",
    tiers: [
      { upTo: "10000000", unitPrice: "0.000003", flatFee: "1" },
      { upTo: "100000000", unitPrice: "0.0000025", flatFee: "10" },
      { upTo: null, unitPrice: "0.000002", flatFee: "50" },
    ],
  },
};

/** 1..1000 tokens per increment, as exact Decimals (integers, never floats). */
function makeQuantities(): Decimal[] {
  const next = prng(SEED);
  return Array.from({ length: INCREMENTS }, () => new MoneyDecimal(1 + Math.floor(next() * 1000)));
}

function timeRun(model: PriceModel, quantities: readonly Decimal[]): { seconds: number; sum: Decimal; usage: Decimal } {
  let usage = ZERO;
  let sum = ZERO;
  const start = process.hrtime.bigint();
  for (const q of quantities) {
    sum = sum.plus(rateIncrement(model, usage, q));
    usage = usage.plus(q);
  }
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, sum, usage };
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

const quantities = makeQuantities();
let failed = false;
for (const [name, model] of Object.entries(MODELS)) {
  const runs = Array.from({ length: RUNS }, () => timeRun(model, quantities));
  const { sum, usage } = runs[0];
  const oneShot = priceQuantity(model, usage).amount;
  const exact = runs.every((r) => r.sum.eq(oneShot));
  const rate = INCREMENTS / median(runs.map((r) => r.seconds));
  console.log(`${name.padEnd(9)} ${Math.round(rate).toLocaleString("en-US")} increments/s  usage=${usage.toString()}  sum=${sum.toString()}  one-shot=${oneShot.toString()}  ${exact ? "OK" : "MISMATCH"}`);

  const running = new RunningCharge(model, "USD");
  let debits = 0n;
  const start = process.hrtime.bigint();
  for (const q of quantities) debits += running.add(q).debitMinor;
  const chargeRate = INCREMENTS / (Number(process.hrtime.bigint() - start) / 1e9);
  const expected = toMinorUnits(oneShot, "USD");
  const debitsOk = debits === expected && running.chargedMinor === expected;
  console.log(`${"".padEnd(9)} running charge: ${Math.round(chargeRate).toLocaleString("en-US")} increments/s  debits=${debits}¢  round(one-shot)=${expected}¢  ${debitsOk ? "OK" : "MISMATCH"}`);
  failed ||= !exact || !debitsOk;
}
if (failed) {
  console.error("FAILED: increments do not add up to the one-shot price");
  process.exit(1);
}
console.log("OK");
