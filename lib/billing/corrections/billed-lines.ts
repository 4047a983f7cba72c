import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { storedLines } from "../stored-lines";
import { addToBilled, lineKey, type BilledLine } from "./line-deltas";

/** A credit note's line as stored in its JSON (amountMinor as a string: JSON has no bigint). */
export type StoredNoteLine = Omit<BilledLine, "amountMinor"> & {
  amountMinor: string;
  quantityBefore: string | null;
  events?: unknown;
};

/** What an invoice billed per line so far: its own lines, plus its supplements' (not voided), less its credit notes'. */
export async function billedLines(
  tx: Prisma.TransactionClient,
  customerId: string,
  invoiceId: string,
): Promise<{ billed: Map<string, BilledLine>; supplements: number; creditNotes: number }> {
  const own = await tx.invoiceLine.findMany({
    where: { customerId, invoiceId },
    orderBy: { position: "asc" },
  });
  const billed = new Map(storedLines(own).map((l) => [lineKey(l), l as BilledLine]));
  const supplements = await tx.invoice.findMany({
    where: { customerId, parentInvoiceId: invoiceId },
    include: { lines: { orderBy: { position: "asc" } } },
    orderBy: { createdAt: "asc" },
  });
  for (const s of supplements) if (s.status !== "VOID") addToBilled(billed, storedLines(s.lines));
  const notes = await tx.creditNote.findMany({ where: { customerId, invoiceId }, orderBy: { seq: "asc" } });
  for (const n of notes)
    addToBilled(
      billed,
      (n.lines as StoredNoteLine[]).map((l) => ({ ...l, amountMinor: BigInt(l.amountMinor) })),
    );
  return { billed, supplements: supplements.length, creditNotes: notes.length };
}
