import { AppError } from "@/lib/errors/app-error";
import type { InvoiceStatus } from "./invoice-transitions";

export const INVOICE_STATUS_PARAMS = ["draft", "open", "paid", "void", "uncollectible"] as const;

/** The `status` filter of an invoice list (`?status=open`): absent or empty is no filter; anything else not a status is a 422 naming the field. */
export function parseInvoiceStatusParam(value: string | null | undefined): InvoiceStatus | undefined {
  if (!value) return undefined;
  if ((INVOICE_STATUS_PARAMS as readonly string[]).includes(value))
    return value.toUpperCase() as InvoiceStatus;
  const message = `status must be one of ${INVOICE_STATUS_PARAMS.join(", ")}`;
  throw new AppError("UNPROCESSABLE", message, {
    problems: [{ field: "status", rule: "invalid_value", message }],
  });
}
