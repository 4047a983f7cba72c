import { z } from "zod";
import { EMAIL_CATEGORY_KEYS, type EmailCategory } from "../email-categories";

export type EmailPreferences = Record<EmailCategory, boolean>;

/** A checkbox as a form posts it: "on" when checked, absent when not; anything else is refused by name. */
const checkbox = z
  .enum(["on"], { message: 'must be checked ("on") or left out' })
  .optional()
  .transform((v) => v === "on");

/** The email settings form: one checkbox per category, named after it (e.g. `invoices=on`). */
export const emailPreferencesForm = z.object(
  Object.fromEntries(EMAIL_CATEGORY_KEYS.map((c) => [c, checkbox])) as Record<EmailCategory, typeof checkbox>,
);

/** Preferences as data functions take them: every category, true or false. */
export const emailPreferencesInput = z.object(
  Object.fromEntries(
    EMAIL_CATEGORY_KEYS.map((c) => [c, z.boolean({ message: "must be true or false" })]),
  ) as Record<EmailCategory, z.ZodBoolean>,
);
