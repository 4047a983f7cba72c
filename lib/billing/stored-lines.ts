import type { ComposedLine, InvoiceLineKind } from "./invoice-types";

type LineRow = {
  kind: string;
  description: string;
  subscriptionId: string | null;
  meterId: string | null;
  fromAt: Date;
  toAt: Date;
  quantity: { toFixed(): string } | null;
  includedUnits: { toFixed(): string } | null;
  amountExact: { toFixed(): string };
  amountMinor: bigint;
  details: unknown;
};

/** Stored invoice_lines rows (in position order) as the composed lines they were written from. */
export function storedLines(rows: LineRow[]): ComposedLine[] {
  return rows.map((r) => ({
    kind: r.kind as InvoiceLineKind,
    description: r.description,
    subscriptionId: r.subscriptionId,
    meterId: r.meterId,
    fromAt: r.fromAt,
    toAt: r.toAt,
    quantity: r.quantity?.toFixed() ?? null,
    includedUnits: r.includedUnits?.toFixed() ?? null,
    amountExact: r.amountExact.toFixed(),
    amountMinor: r.amountMinor,
    details: r.details as ComposedLine["details"],
  }));
}
