import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import type { InvoiceStatus } from "./invoice-transitions";

export const INVOICE_STATUS_PARAMS = ["draft", "open", "paid", "void", "uncollectible"] as const;

/** The `status` query parameter (the OpenAPI document reads it too). */
export const invoiceStatusParamSchema = z.enum(INVOICE_STATUS_PARAMS);

/** The `status` filter of an invoice list (`?status=open`): absent or empty is no filter; anything else not a status is a 422 naming the field. */
export function parseInvoiceStatusParam(value: string | null | undefined): InvoiceStatus | undefined {
  if (!value) return undefined;
  const parsed = invoiceStatusParamSchema.safeParse(value);
  if (parsed.success) return parsed.data.toUpperCase() as InvoiceStatus;
  const message = `status must be one of ${INVOICE_STATUS_PARAMS.join(", ")}`;
  throw new AppError("UNPROCESSABLE", message, {
    problems: [{ field: "status", rule: "invalid_value", message }],
  });
}
