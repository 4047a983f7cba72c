"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, fetchJson } from "@/components/data/fetch-json";

/** Publishes the saved draft; after that it can be assigned and never changes. */
export function PublishButton({
  versionId,
  planId,
  number,
  blockedReason,
}: {
  versionId: string;
  planId: string;
  number: number;
  blockedReason: string | null;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function publish() {
    setPending(true);
    setError(null);
    try {
      await fetchJson(`/api/admin/plan-versions/${versionId}/publish`, { method: "POST" });
      router.push(`/admin/plans/${planId}`);
      router.refresh();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not reach the server; try again.");
      setPending(false);
    }
  }
  return (
    <>
      <button
        type="button"
        onClick={publish}
        disabled={pending || blockedReason !== null}
        title={blockedReason ?? undefined}
        className="rounded-md border border-emerald-300 bg-emerald-50 px-4 py-2 text-sm font-medium text-emerald-800 hover:bg-emerald-100 disabled:opacity-50"
      >
        {pending ? "Publishing…" : `Publish version ${number}`}
      </button>
      {blockedReason && <span className="text-sm text-slate-500">{blockedReason}</span>}
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </>
  );
}
