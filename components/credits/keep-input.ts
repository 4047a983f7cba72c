import { startTransition, type FormEvent } from "react";

/**
 * Submits a form to a server action without React's reset of the form after each attempt, so what was
 * typed stays next to the error messages.
 */
export function keepInput(action: (data: FormData) => void) {
  return (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => action(data));
  };
}
