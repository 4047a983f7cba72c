/** What a billing-profile form's server action answers: a success message, or what went wrong per field. */
export type BillingFormState = { ok?: string; error?: string; fields?: Record<string, string> } | null;

/** A server action for useActionState, passed to the form by its page (components never import from app/). */
export type BillingFormAction = (prev: BillingFormState, form: FormData) => Promise<BillingFormState>;
