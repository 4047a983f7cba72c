"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ApiError, fetchJson } from "@/components/data/fetch-json";

/** "Edit draft" when the plan has one, else "New version" (a draft copying the newest version). */
export function VersionActions({
  planId,
  draft,
}: {
  planId: string;
  draft: { id: string; number: number } | null;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (draft) {
    return (
      <Link
        href={`/admin/plans/${planId}/versions/${draft.id}`}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
      >
        Edit draft version {draft.number}
      </Link>
    );
  }
  async function create() {
    setPending(true);
    setError(null);
    try {
      const v = await fetchJson<{ versionId: string }>(`/api/admin/plans/${planId}/versions`, {
        method: "POST",
        body: {},
      });
      router.push(`/admin/plans/${planId}/versions/${v.versionId}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : "Could not reach the server; try again.");
      setPending(false);
    }
  }
  return (
    <span className="flex items-center gap-3">
      <button
        type="button"
        onClick={create}
        disabled={pending}
        className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Creating…" : "New version"}
      </button>
      <span className="text-xs text-slate-500">
        Published versions never change: changes go in a new version, and customers move to it when you move
        them.
      </span>
      {error && (
        <span role="alert" className="text-sm text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}
