import "server-only";
import { prisma } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { prismaSql } from "@/lib/db/sql";
import { parseCurrency } from "@/lib/money/currencies";
import { lockCustomer } from "@/lib/subscriptions/lock-customer";
import { lockInvoice } from "../collection/lock-invoice";
import { scheduleCollection } from "../collection/schedule-collection";
import { composeInvoice } from "../compose-invoice";
import { recordInvoiceEvent } from "../invoice-event";
import { issueCreditNote, type IssuedCreditNote } from "../credit-notes/issue-credit-note";
import type { ComposedLine } from "../invoice-types";
import { loadPeriodInputs } from "../load-period-inputs";
import { writeInvoiceLines } from "../write-invoice-lines";
import type { StoredNoteLine } from "../credit-notes/note-line";
import { billedLines } from "./billed-lines";
import { deltaTotals, lineDeltas, type LineDelta } from "./line-deltas";
import { responsibleEvents } from "./responsible-events";

const DAY_MS = 86_400_000;

export type CorrectionResult =
  | { kind: "none" }
  | IssuedCreditNote
  | { kind: "supplement"; number: string; totalMinor: bigint; amountDueMinor: bigint };

/**
 * A finalized invoice never changes when its period's charges do (events voided, or accepted late, after it
 * was read). Instead, under the customer's lock, the period is composed again and compared line by line with
 * what the invoice, its supplements and its credit notes billed:
 *   - the amount owed went down (or charges did): a credit note <number>-CN<n> lists the changed lines and the
 *     events responsible; what credits had paid is already back in the customer's credits (lib/ledger), the
 *     rest is settled by issueCreditNote: off the unpaid amount due, then to the card or the credit balance
 *     as the customer's billing settings say (creditNoteSettlement);
 *   - it went up: a supplemental invoice <number>-S<n>, final at once, with those lines, collected like any.
 * Nothing changed in money: nothing is issued. Either way the invoice records that it has seen the charges.
 */
export async function correctInvoice(customerId: string, invoiceId: string): Promise<CorrectionResult> {
  return prisma.$transaction(async (tx) => {
    const customer = await lockCustomer(tx, customerId);
    const parent = await tx.invoice.findUnique({ where: { customerId_id: { customerId, id: invoiceId } } });
    if (
      !parent ||
      parent.kind !== "STANDARD" ||
      parent.status === "DRAFT" ||
      parent.status === "VOID" ||
      !parent.number
    )
      return { kind: "none" as const };
    await lockInvoice(tx, customerId, invoiceId);
    const seenAt = new Date();
    const since = parent.chargesSeenAt ?? parent.finalizedAt ?? seenAt;
    const period = { start: parent.periodStart, end: parent.periodEnd };
    const [inputs] = await loadPeriodInputs(prismaSql(tx), [
      { customerId, currency: customer.currency, period },
    ]);
    const current = composeInvoice(inputs);
    const { billed, supplements, creditNotes } = await billedLines(tx, customerId, invoiceId);
    const deltas = lineDeltas(billed, current.lines);
    await tx.invoice.update({
      where: { customerId_id: { customerId, id: invoiceId } },
      data: { chargesSeenAt: seenAt },
    });
    if (deltas.length === 0) return { kind: "none" as const };
    const { chargesMinor, creditsMinor } = deltaTotals(deltas);
    const dueDelta = chargesMinor - creditsMinor;
    const described = await withEvents(tx, customerId, period, since, deltas);
    if (chargesMinor < 0n || dueDelta < 0n) {
      const profile = await tx.customerBillingProfile.findUnique({ where: { customerId } });
      return issueCreditNote(tx, {
        invoice: parent,
        seq: creditNotes + 1,
        kind: "CORRECTION",
        reason: described.some((l) => l.events?.voided.length)
          ? "Events voided after the invoice was final"
          : "Usage changed after the invoice was final",
        lines: described.map(noteLine),
        owedMinor: dueDelta < 0n ? -dueDelta : 0n,
        creditsReturnedMinor: creditsMinor < 0n ? -creditsMinor : 0n,
        settlement: profile?.creditNoteSettlement ?? "BALANCE",
      });
    }
    const seq = supplements + 1;
    const number = `${parent.number}-S${seq}`;
    const created = await tx.invoice.create({
      data: {
        customerId,
        kind: "SUPPLEMENT",
        parentInvoiceId: invoiceId,
        status: dueDelta === 0n ? "PAID" : "OPEN",
        number,
        currency: parent.currency,
        periodStart: parent.periodStart,
        periodEnd: parent.periodEnd,
        finalizeAfter: seenAt,
        finalizedAt: seenAt,
        chargesSeenAt: seenAt,
        dueAt: new Date(
          seenAt.getTime() +
            ((await tx.customerBillingProfile.findUnique({ where: { customerId } }))?.netTermsDays ?? 0) *
              DAY_MS,
        ),
        billTo: parent.billTo as Prisma.InputJsonValue,
        ...(dueDelta === 0n ? { paidAt: seenAt } : {}),
      },
    });
    const lines: ComposedLine[] = described.map((d) => ({
      kind: d.kind,
      description: d.description,
      subscriptionId: d.subscriptionId,
      meterId: d.meterId,
      fromAt: period.start,
      toAt: period.end,
      quantity: d.quantityAfter,
      includedUnits: null,
      amountExact: d.amountExact,
      amountMinor: d.amountMinor,
      details: { quantityBefore: d.quantityBefore, events: d.events } as never,
    }));
    const invoice = {
      currency: parseCurrency(parent.currency),
      periodStart: period.start,
      periodEnd: period.end,
      lines,
      totalMinor: chargesMinor,
      creditsMinor,
      amountDueMinor: dueDelta,
    };
    await writeInvoiceLines(prismaSql(tx), [{ customerId, invoiceId: created.id, invoice }], {
      replace: false,
    });
    await recordInvoiceEvent(tx, "invoice.finalized", customerId, created.id, {
      parentNumber: parent.number,
    });
    if (dueDelta === 0n)
      await recordInvoiceEvent(tx, "invoice.paid", customerId, created.id, { by: "finalize" });
    if (dueDelta > 0n)
      await scheduleCollection(tx, {
        customerId,
        invoiceId: created.id,
        amountMinor: dueDelta,
        runAt: seenAt,
      });
    return { kind: "supplement" as const, number, totalMinor: chargesMinor, amountDueMinor: dueDelta };
  });
}

type Described = LineDelta & { events: Awaited<ReturnType<typeof responsibleEvents>> | null };

async function withEvents(
  tx: Prisma.TransactionClient,
  customerId: string,
  period: { start: Date; end: Date },
  since: Date,
  deltas: LineDelta[],
): Promise<Described[]> {
  const meters = new Map(
    (
      await tx.meter.findMany({
        where: { id: { in: deltas.flatMap((d) => (d.meterId ? [d.meterId] : [])) } },
        select: { id: true, eventType: true },
      })
    ).map((m) => [m.id, m.eventType]),
  );
  const out: Described[] = [];
  for (const d of deltas) {
    const type = d.kind === "USAGE" && d.meterId ? meters.get(d.meterId) : undefined;
    out.push({ ...d, events: type ? await responsibleEvents(tx, customerId, type, period, since) : null });
  }
  return out;
}

function noteLine(l: Described): StoredNoteLine {
  return {
    kind: l.kind,
    description: l.description,
    subscriptionId: l.subscriptionId,
    meterId: l.meterId,
    quantity: l.quantityAfter,
    quantityBefore: l.quantityBefore,
    amountExact: l.amountExact,
    amountMinor: l.amountMinor.toString(),
    events: l.events,
  };
}
