export const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-100";

/** A labelled text input (the label names it for assistive tech and tests). */
export function TextField(props: { label: string; value: string; onChange: (v: string) => void; placeholder?: string; hint?: string; disabled?: boolean; className?: string }) {
  return (
    <label className={`block text-sm font-medium ${props.className ?? ""}`}>
      {props.label}
      <input value={props.value} onChange={(e) => props.onChange(e.target.value)} placeholder={props.placeholder} disabled={props.disabled} inputMode="decimal" className={inputClass} />
      {props.hint && <span className="mt-1 block text-xs font-normal text-slate-500">{props.hint}</span>}
    </label>
  );
}

export function ProblemList({ problems }: { problems: { field: string; message: string }[] }) {
  if (problems.length === 0) return null;
  return (
    <ul role="alert" className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {problems.map((p, i) => (
        <li key={i}>
          <span className="font-mono text-xs">{p.field}</span>: {p.message}
        </li>
      ))}
    </ul>
  );
}
