"use client";

import type { SubmitAction } from "@/lib/forms/form-state";

/** Archiving cannot be undone, so it asks first. */
export function ArchiveMeterButton({
  id,
  meterKey,
  action,
}: {
  id: string;
  meterKey: string;
  action: SubmitAction;
}) {
  return (
    <form
      action={action}
      onSubmit={(e) => {
        if (
          !window.confirm(
            `Archive meter "${meterKey}"? It stops counting new events; its usage stays readable. This cannot be undone.`,
          )
        )
          e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button
        type="submit"
        className="rounded-md border border-red-200 px-3 py-1 text-sm text-red-700 hover:bg-red-50"
      >
        Archive
      </button>
    </form>
  );
}
