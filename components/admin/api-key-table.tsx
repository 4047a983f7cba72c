import type { SubmitAction } from "@/lib/forms/form-state";
import { DataTable } from "@/components/ui/data-table";
import { formatTimestamp } from "@/lib/dates/format-date";
import { LastUsed } from "./last-used";

type Key = {
  id: string;
  name: string;
  prefix: string;
  scope: "FULL" | "INGEST" | "READ";
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  customer: { name: string; externalId: string } | null;
};

const when = (d: Date | null) => (d ? formatTimestamp(d) : "never");

const SCOPE_TEXT = { FULL: "Full", INGEST: "Ingest only", READ: "Read only" } as const;

export function ApiKeyTable({ keys, revokeAction, now }: { keys: Key[]; revokeAction: SubmitAction; now: Date }) {
  if (keys.length === 0)
    return (
      <p className="text-sm text-slate-500">
        No keys yet. Create one above and give it to the app that reports usage.
      </p>
    );
  return (
    <DataTable columns={["Name", "Key", "Scope", "Customer", "Last used", "Status"]}>
      {keys.map((k) => (
        <tr key={k.id} className="border-t border-slate-100" data-testid={`api-key-${k.prefix}`}>
          <td className="px-4 py-2 font-medium">{k.name}</td>
          <td className="px-4 py-2 font-mono">{k.prefix}…</td>
          <td className="px-4 py-2" data-testid="api-key-scope">
            {SCOPE_TEXT[k.scope]}
          </td>
          <td className="px-4 py-2">{k.customer ? k.customer.name : "Any"}</td>
          <td className="px-4 py-2" data-testid="api-key-last-used">
            <LastUsed at={k.lastUsedAt} now={now} />
          </td>
          <td className="px-4 py-2">
            {k.revokedAt ? (
              <span className="text-slate-500">Revoked {when(k.revokedAt)}</span>
            ) : (
              <form action={revokeAction}>
                <input type="hidden" name="id" value={k.id} />
                <button
                  type="submit"
                  className="rounded-md border border-red-200 px-3 py-1 text-red-700 hover:bg-red-50"
                >
                  Revoke
                </button>
              </form>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
