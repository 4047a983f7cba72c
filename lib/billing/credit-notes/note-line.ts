import type { ComposedLine } from "../invoice-types";

/** A credit note line's fields as the invoice line it changes has them. */
type LineFields = Pick<
  ComposedLine,
  "description" | "subscriptionId" | "meterId" | "quantity" | "amountExact"
>;

/**
 * A credit note's line as stored in its JSON (amountMinor as a string: JSON has no bigint). An admin's
 * credit note has one ADJUSTMENT line with the reason.
 */
export type StoredNoteLine = LineFields & {
  kind: ComposedLine["kind"] | "ADJUSTMENT";
  amountMinor: string;
  quantityBefore: string | null;
  events?: unknown;
};
