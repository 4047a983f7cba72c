/** A signing secret shown once, right after it was made. */
export function SecretOnce({ secret, what }: { secret: string; what: string }) {
  return (
    <div className="mt-4 rounded-md bg-amber-50 p-3 text-sm">
      <p className="font-medium text-amber-900">Copy {what} now: it is shown only once. Your receiver verifies each event with it.</p>
      <code data-testid="webhook-secret" className="mt-1 block break-all font-mono text-slate-900">
        {secret}
      </code>
    </div>
  );
}
