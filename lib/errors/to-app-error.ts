import { ZodError } from "zod";
import { AppError, isAppError } from "./app-error";
import { zodProblems } from "./zod-problems";

export const INVALID_INPUT = "The input is not valid";

/**
 * The one place a ZodError (from a lib function's `schema.parse`) becomes a domain error: a 422 whose
 * problems name the fields by dotted path. An AppError is returned as it is; anything else gives null.
 */
export function toAppError(e: unknown): AppError | null {
  if (isAppError(e)) return e;
  if (e instanceof ZodError)
    return new AppError("UNPROCESSABLE", INVALID_INPUT, { problems: zodProblems(e) });
  return null;
}
