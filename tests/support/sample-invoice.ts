import type { InvoiceDto, InvoiceLineDto } from "@/lib/billing/invoice-dto";
import { moneyDto } from "@/lib/money/money-dto";

const usd = (minor: number) => moneyDto(BigInt(minor), "USD");

/** A usage line of `quantity` tokens: 1,000 included, then $0.001 up to 11,000, then $0.0005 (as the rating engine breaks it down). */
export function sampleUsageLine(description: string, amountMinor: number): InvoiceLineDto {
  return {
    kind: "USAGE",
    description,
    from: "2026-01-05T00:00:00.000Z",
    to: "2026-02-05T00:00:00.000Z",
    meterId: "m1",
    quantity: "12000",
    includedUnits: "1000",
    amountExact: (amountMinor / 100).toString(),
    amount: usd(amountMinor),
    details: {
      meterKey: "tokens",
      unit: "tokens",
      freeUnitsLeft: "0",
      breakdown: [
        {
          kind: "included",
          tierIndex: null,
          fromUnits: "0",
          toUnits: "1000",
          quantity: "1000",
          unitPrice: "0",
          flatFee: "0",
          packages: null,
          amount: "0",
          amountFormatted: "$0.00",
        },
        {
          kind: "priced",
          tierIndex: 0,
          fromUnits: "1000",
          toUnits: "11000",
          quantity: "10000",
          unitPrice: "0.001",
          flatFee: "0",
          packages: null,
          amount: "10",
          amountFormatted: "$10.00",
        },
        {
          kind: "priced",
          tierIndex: 1,
          fromUnits: "11000",
          toUnits: "12000",
          quantity: "1000",
          unitPrice: "0.0005",
          flatFee: "0",
          packages: null,
          amount: "0.5",
          amountFormatted: "$0.50",
        },
      ],
    },
  };
}

/** A finalized invoice for the PDF tests: a base fee, `usageLines` usage lines, $2.00 of credits applied. */
export function sampleInvoice(usageLines = 1): InvoiceDto {
  const base: InvoiceLineDto = {
    ...sampleUsageLine("Pro (v1) base fee, Jan 5, 2026 – Feb 5, 2026", 4900),
    kind: "BASE_FEE",
    meterId: null,
    quantity: null,
    includedUnits: null,
    details: {
      feeMinor: "4900",
      periodSeconds: 2678400,
      coveredSeconds: 2678400,
      prorated: false,
      trial: false,
    },
  };
  const usage = Array.from({ length: usageLines }, (_, i) =>
    sampleUsageLine(`LLM tokens ${i + 1}: 12,000 tokens`, 1050),
  );
  const totalMinor = 4900 + 1050 * usageLines;
  return {
    id: "00000000-0000-4000-8000-000000000001",
    number: "MTR-2026-000042",
    status: "open",
    currency: "USD",
    period: { start: "2026-01-05T00:00:00.000Z", end: "2026-02-05T00:00:00.000Z" },
    lines: [
      base,
      ...usage,
      { ...base, kind: "CREDITS_APPLIED", description: "Credits applied", amount: usd(-200), details: {} },
    ],
    total: usd(totalMinor),
    creditsApplied: usd(200),
    amountDue: usd(totalMinor - 200),
    amountPaid: usd(0),
    billTo: {
      name: "Acme Corp • Ltd",
      email: "billing@acme.test",
      addressLines: ["1 Market St", "94105 San Francisco CA"],
      country: "US",
    },
    finalizedAt: "2026-02-06T01:00:00.000Z",
    dueAt: "2026-02-06T01:00:00.000Z",
    paidAt: null,
    finalizeAfter: null,
    kind: "standard",
    creditNotesApplied: usd(0),
    paymentFailure: null,
  };
}
