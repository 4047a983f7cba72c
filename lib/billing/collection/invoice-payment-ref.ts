/** What Meterly puts in an invoice payment's Stripe metadata (PaymentIntent and Checkout Session), and reads back. */
export type InvoicePaymentRef = { customerId: string; invoiceId: string; attempt: number };

const KEYS = {
  customer: "meterly_customer_id",
  invoice: "meterly_invoice_id",
  kind: "meterly_kind",
  attempt: "meterly_attempt",
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function invoicePaymentMetadata(ref: InvoicePaymentRef, number: string): Record<string, string> {
  return {
    [KEYS.customer]: ref.customerId,
    [KEYS.invoice]: ref.invoiceId,
    [KEYS.kind]: "invoice",
    [KEYS.attempt]: String(ref.attempt),
    meterly_invoice_number: number,
  };
}

/** The invoice payment an object's metadata names, or null (a credit purchase, or not Meterly's). */
export function readInvoicePaymentRef(
  metadata: Record<string, string> | null | undefined,
): InvoicePaymentRef | null {
  if (metadata?.[KEYS.kind] !== "invoice") return null;
  const customerId = metadata[KEYS.customer];
  const invoiceId = metadata[KEYS.invoice];
  const attempt = Number(metadata[KEYS.attempt]);
  if (
    !customerId ||
    !invoiceId ||
    !UUID.test(customerId) ||
    !UUID.test(invoiceId) ||
    !Number.isInteger(attempt) ||
    attempt < 1
  )
    return null;
  return { customerId, invoiceId, attempt };
}
