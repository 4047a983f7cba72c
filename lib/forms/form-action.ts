import "server-only";
import type { z } from "zod";
import { requireAdmin, requireMember, type CurrentUser } from "@/lib/auth/current-user";
import { AppError, type FieldProblem } from "@/lib/errors/app-error";
import { problemsByField } from "@/lib/errors/problems-by-field";
import { toAppError } from "@/lib/errors/to-app-error";
import { unstorableText } from "@/lib/errors/unstorable-text";
import { formFields } from "./form-fields";
import type { FormState } from "./form-state";

export const FIX_FIELDS = "Fix the highlighted fields.";

/** Who may submit: the actor each role resolves to, read from the session (never from the form). */
type Actors = { admin: CurrentUser; member: CurrentUser & { customerId: string } };
const resolve: { [R in keyof Actors]: () => Promise<Actors[R]> } = {
  admin: requireAdmin,
  member: requireMember,
};

type FormActionOptions<R extends keyof Actors, I, S> = {
  role: R;
  /** Parses the form's fields; without one, `run` gets undefined and reads the form itself. */
  schema?: z.ZodType<I>;
  /** The change. It may revalidate and redirect (a redirect is thrown on, not caught). */
  run: (actor: Actors[R], input: I) => Promise<S | void>;
};

/**
 * The one wrapper for server actions: authenticates (signed out or the wrong role goes to the sign-in
 * page), resolves the actor, parses the form with zod and runs the change. A domain error (AppError, or
 * a ZodError from any `schema.parse`) comes back as the form's state: a validation error names its fields
 * ("Fix the highlighted fields."), any other says what went wrong. Anything else is thrown on.
 */
export async function formAction<R extends keyof Actors, S extends object, I = undefined>(
  form: FormData,
  { role, schema, run }: FormActionOptions<R, I, S>,
): Promise<FormState<S>> {
  const actor = await resolve[role]();
  try {
    refuseUnstorableText(form);
    const input = schema ? schema.parse(formFields(form)) : (undefined as I);
    return (await run(actor, input)) ?? null;
  } catch (e) {
    const known = toAppError(e);
    if (!known) throw e;
    const fields = problemsByField(known.problems);
    const validation = known.code === "UNPROCESSABLE" && Object.keys(fields).length > 0;
    return { error: validation ? FIX_FIELDS : known.message, fields } as FormState<S>;
  }
}

/** A field holding NUL or a lone surrogate, which no column can store, is refused naming it (not a database error). */
function refuseUnstorableText(form: FormData): void {
  for (const [name, value] of form) {
    const problem = typeof value === "string" ? unstorableText(value, name) : null;
    if (problem) throw new AppError("UNPROCESSABLE", FIX_FIELDS, { problems: [problem] });
  }
}

/**
 * formAction for a plain `<form action>` (a button that archives or revokes): there is no state to show an
 * error in, so every error is thrown on, to the error page.
 */
export async function submitAction<R extends keyof Actors>(
  role: R,
  run: (actor: Actors[R]) => Promise<void>,
): Promise<void> {
  await run(await resolve[role]());
}

/** Input read from the form by hand (amounts, filter text): its problems are refused like a schema's. */
export function formInput<T>(read: { ok: true; input: T } | { ok: false; problems: FieldProblem[] }): T {
  if (!read.ok) throw new AppError("UNPROCESSABLE", FIX_FIELDS, { problems: read.problems });
  return read.input;
}
