import { appliedGrants } from "../applied-grants";
import type { BillTo } from "../bill-to";
import type { InvoiceDto, InvoiceLineDto } from "../invoice-dto";
import type { UsageDetails } from "../invoice-types";
import { formatDay } from "@/lib/dates/format-date";
import type { CurrencyCode } from "@/lib/money/currencies";
import { formatMajor, formatQuantity } from "@/lib/money/format-major";
import type { TierBreakdown } from "@/lib/plans/price-line";

/** One row of the PDF's lines table: the line, and under a usage line its tiers. */
export type PdfRow = { description: string; amount: string; tiers: { text: string; amount: string }[] };

const day = (iso: string | null) => (iso ? formatDay(new Date(iso)) : "");

/** "Tier 2 (1,000 - 11,000 tokens): 10,000 × $0.001", "Included (0 - 1,000 tokens): 1,000 tokens". */
export function tierRowText(b: TierBreakdown, unit: string, currency: CurrencyCode): string {
  const range = `(${formatQuantity(b.fromUnits)} - ${formatQuantity(b.toUnits)} ${unit})`;
  if (b.kind === "included") return `Included ${range}: ${formatQuantity(b.quantity)} ${unit}`;
  const units = b.packages
    ? `${formatQuantity(b.packages)} package${b.packages === "1" ? "" : "s"}`
    : formatQuantity(b.quantity);
  const flat = b.flatFee !== "0" ? ` + ${formatMajor(b.flatFee, currency)} flat` : "";
  return `Tier ${(b.tierIndex ?? 0) + 1} ${range}: ${units} × ${formatMajor(b.unitPrice, currency)}${flat}`;
}

function breakdownOf(line: InvoiceLineDto): UsageDetails | null {
  const d = line.details;
  return line.kind === "USAGE" && d && typeof d === "object" && "breakdown" in d ? (d as UsageDetails) : null;
}

/** The charge lines in order (credits applied are in the totals), usage lines with their tiers. */
export function pdfRows(invoice: InvoiceDto): PdfRow[] {
  return invoice.lines
    .filter((l) => l.kind !== "CREDITS_APPLIED")
    .map((l) => {
      const usage = breakdownOf(l);
      return {
        description: l.description,
        amount: l.amount.formatted,
        tiers: (usage?.breakdown ?? []).map((b) => ({
          text: tierRowText(b, usage!.unit, invoice.currency),
          amount: b.amountFormatted,
        })),
      };
    });
}

const STATUS: Record<InvoiceDto["status"], string> = {
  upcoming: "Upcoming",
  draft: "Draft",
  open: "Open",
  paid: "Paid",
  void: "Void",
  uncollectible: "Uncollectible",
};

/** The label-value pairs under the title: number, status, dates, period. */
export function metaRows(invoice: InvoiceDto): [string, string][] {
  const rows: [string, string][] = [
    ["Invoice number", invoice.number],
    ["Status", STATUS[invoice.status]],
    ["Issued", day(invoice.finalizedAt)],
    ["Due", day(invoice.dueAt)],
    ["Paid", day(invoice.paidAt)],
    ["Period", `${day(invoice.period.start)} - ${day(invoice.period.end)}`],
  ];
  return rows.filter(([, v]) => v !== "");
}

/** The customer's billing details, one line each. */
export function billToLines(invoice: InvoiceDto & { customer?: { name: string } }): string[] {
  const b: BillTo = invoice.billTo ?? {
    name: invoice.customer?.name ?? "",
    email: "",
    addressLines: [],
    country: "",
  };
  return [b.name, ...b.addressLines, b.country, b.email].filter(Boolean);
}

/** Total, credits applied (with the grants that paid them) and credit notes applied (when any), and last the amount due. */
export function totalRows(invoice: InvoiceDto): [string, string][] {
  const rows: [string, string][] = [["Total", invoice.total.formatted]];
  if (invoice.creditsApplied.amountMinor !== 0)
    rows.push(["Credits applied", `-${invoice.creditsApplied.formatted}`]);
  for (const g of appliedGrants(invoice.lines, invoice.currency)) rows.push([`  ${g.label}`, `-${g.amount}`]);
  if (invoice.creditNotesApplied.amountMinor !== 0)
    rows.push(["Credit notes applied", `-${invoice.creditNotesApplied.formatted}`]);
  rows.push(["Amount due", invoice.amountDue.formatted]);
  return rows;
}
