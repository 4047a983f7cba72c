import type { SubmitAction } from "@/lib/forms/form-state";
import type { DeliveryLogEntry } from "@/lib/webhooks/list-deliveries";
import { formatTimestamp } from "@/lib/dates/format-date";

const when = (iso: string) => formatTimestamp(iso, { seconds: true });
const statusClass = { SUCCEEDED: "text-green-700", PENDING: "text-amber-700", FAILED: "text-red-700" } as const;

/** An endpoint's deliveries, newest first, each with its attempts (status, latency, the answer's first 2 KB). */
export function DeliveryLog({ endpointId, deliveries, resendAction }: { endpointId: string; deliveries: DeliveryLogEntry[]; resendAction: SubmitAction }) {
  if (deliveries.length === 0)
    return <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">No deliveries yet. Events appear here within seconds of happening; replay a time range to send earlier ones.</p>;
  return (
    <ul className="space-y-3">
      {deliveries.map((d) => (
        <li key={d.id} data-testid={`delivery-${d.id}`} className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <div>
              <span className="font-mono font-medium">{d.eventType}</span>{" "}
              <span className={statusClass[d.status]} data-testid="delivery-status">
                {d.status.toLowerCase()}
              </span>
              <div className="text-xs text-slate-500">
                {d.eventId} · sequence {d.sequence} · {when(d.createdAt)}
                {d.nextAttemptAt && <> · next attempt {when(d.nextAttemptAt)}</>}
              </div>
            </div>
            <form action={resendAction}>
              <input type="hidden" name="id" value={endpointId} />
              <input type="hidden" name="deliveryId" value={d.id} />
              <button type="submit" className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50">
                Resend
              </button>
            </form>
          </div>
          {d.attempts.length > 0 && (
            <table className="mt-2 w-full text-xs">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1">Attempt</th>
                  <th>Time</th>
                  <th>Status</th>
                  <th className="text-right">Latency</th>
                  <th className="pl-4">Answer (first 2 KB)</th>
                </tr>
              </thead>
              <tbody>
                {d.attempts.map((a) => (
                  <tr key={`${a.attempt}-${a.at}`} className="border-t border-slate-100 align-top" data-testid="delivery-attempt">
                    <td className="py-1">#{a.attempt}</td>
                    <td>{when(a.at)}</td>
                    <td>{a.statusCode ?? "no answer"}</td>
                    <td className="text-right tabular-nums">{a.latencyMs} ms</td>
                    <td className="pl-4">
                      <pre className="max-h-24 max-w-md overflow-auto whitespace-pre-wrap break-all font-mono">{a.error ?? a.responseBody}</pre>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ul>
  );
}
