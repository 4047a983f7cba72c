/** A form's answer after a submit: what was done, or what went wrong. */
export function FormResult({ state }: { state: { ok?: string; error?: string } | null }) {
  if (state?.ok) {
    return (
      <p role="status" className="text-sm text-green-700">
        {state.ok}
      </p>
    );
  }
  if (state?.error) {
    return (
      <p role="alert" className="text-sm text-red-700">
        {state.error}
      </p>
    );
  }
  return null;
}
