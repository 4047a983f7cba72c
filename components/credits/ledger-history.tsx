"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { fetchJson } from "@/components/data/fetch-json";
import { creditKeys } from "@/components/data/query-keys";
import type { LedgerPage } from "@/lib/ledger/list-ledger-entries";
import { DataTable } from "@/components/ui/data-table";
import { entryLabel } from "./entry-label";
import { formatDateTime } from "@/lib/dates/format-date";

/** Every change to the balance, newest first, 20 a page; the newest page refreshes itself. */
export function LedgerHistory({ initial }: { initial: LedgerPage }) {
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const before = pages[pages.length - 1];
  const { data, isFetching, error } = useQuery({
    queryKey: creditKeys.ledger(before),
    queryFn: () => fetchJson<LedgerPage>(`/api/portal/credits/ledger${before ? `?before=${before}` : ""}`),
    initialData: before === null ? initial : undefined,
    refetchInterval: before === null ? 2000 : false,
  });
  return (
    <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 className="text-lg font-semibold">History</h2>
      {error && <p className="text-sm text-red-700">Could not load the history: {error.message}</p>}
      {data && data.entries.length === 0 && (
        <p className="mt-2 text-sm text-slate-500">
          Nothing yet: buying a pack or using the service shows up here.
        </p>
      )}
      {data && data.entries.length > 0 && (
        <DataTable
          columns={[
            "When",
            "What",
            { label: "Change", align: "right" },
            { label: "Balance", align: "right" },
          ]}
          variant="plain"
          className="mt-3"
          testId="credit-history"
        >
          {data.entries.map((e) => (
            <tr
              key={e.seq}
              className="border-t border-slate-100"
              data-testid={`entry-${e.kind.toLowerCase()}`}
            >
              <td className="py-2 text-slate-500">{formatDateTime(e.createdAt)}</td>
              <td className="py-2">
                <span className="font-medium">{entryLabel(e)}</span> · {e.description}
                {e.usage && e.usage.rated.amountMinor > 0 && e.usage.rated.amountMinor !== -e.amount.amountMinor && (
                  <span className="text-xs text-slate-500">
                    {" "}
                    (usage {e.usage.rated.formatted}; the rest is invoiced)
                  </span>
                )}
              </td>
              <td
                className={`py-2 text-right tabular-nums ${e.amount.amountMinor < 0 ? "text-slate-700" : "text-green-700"}`}
              >
                {e.amount.amountMinor > 0 ? "+" : ""}
                {e.amount.formatted}
              </td>
              <td className="py-2 text-right tabular-nums">{e.balanceAfter.formatted}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="mt-3 flex gap-2 text-sm">
        {pages.length > 1 && (
          <button
            onClick={() => setPages(pages.slice(0, -1))}
            className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50"
          >
            Newer
          </button>
        )}
        {data?.nextBefore && (
          <button
            onClick={() => setPages([...pages, data.nextBefore])}
            className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-50"
          >
            Older
          </button>
        )}
        {isFetching && before !== null && <span className="text-slate-400">Loading…</span>}
      </div>
    </section>
  );
}
