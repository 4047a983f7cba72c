/**
 * What a server action answers a form with, and the action's type as a client component receives it
 * (pages pass actions down as props: components never import from app/). Types only, so client
 * components can import them; the mapping from errors lives in form-action.ts.
 */
export type FormFailure = { error: string; fields: Record<string, string> };

/** `null` before the first submit (and after a success that says nothing); a failure, or the action's own success. */
export type FormState<Success extends object = { ok: string }> =
  (Partial<FormFailure> & Partial<Success>) | null;

/** A server action for useActionState: the previous state and the form in, the next state out. */
export type FormAction<S> = (prev: S, form: FormData) => Promise<S>;

/** A server action posted by a plain `<form action>`, which answers with a redirect or a refresh. */
export type SubmitAction = (form: FormData) => Promise<void>;
