import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import type { InvoiceDto } from "./invoice-dto";
import { previewUpcomingInvoice } from "./preview-upcoming-invoice";

/** previewUpcomingInvoice for the routes that answer it: no subscription in force is a 404 that says so. */
export async function requireUpcomingInvoice(actor: Actor, customerId: string): Promise<InvoiceDto> {
  const upcoming = await previewUpcomingInvoice(actor, customerId);
  if (!upcoming)
    throw new AppError(
      "NOT_FOUND",
      "No subscription in force, so no upcoming invoice: one starts when a plan is assigned",
    );
  return upcoming;
}
