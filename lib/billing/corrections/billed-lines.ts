import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { storedLines } from "../stored-lines";
import type { StoredNoteLine } from "../credit-notes/note-line";
import { addToBilled, lineKey, type BilledLine } from "./line-deltas";

/**
 * What an invoice billed per line so far: its own lines, plus its supplements' (not voided), less its
 * corrections' credit notes. `creditNotes` counts all its notes (for the next number).
 */
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
  // An admin's credit note (MANUAL) lowers what is owed, not the charges: it is no correction to undo.
  for (const n of notes.filter((n) => n.kind === "CORRECTION"))
    addToBilled(
      billed,
      (n.lines as StoredNoteLine[]).map((l) => ({ ...l, amountMinor: BigInt(l.amountMinor) }) as BilledLine),
    );
  return { billed, supplements: supplements.length, creditNotes: notes.length };
}
