import { z } from "zod";

/** A text field as the form posts it; a field the form left out reads as "". */
export const formText = z.string().default("");

/** A checkbox: checked when the form posts "on". */
export const formCheckbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** The form's fields as an object for a zod schema (the last value of a repeated name wins). */
export function formFields(form: FormData): Record<string, FormDataEntryValue> {
  return Object.fromEntries(form);
}
