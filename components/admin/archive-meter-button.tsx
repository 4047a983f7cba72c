"use client";

import { archiveMeterAction } from "@/app/admin/meters/actions";

/** Archiving cannot be undone, so it asks first. */
export function ArchiveMeterButton({ id, meterKey }: { id: string; meterKey: string }) {
  return (
    <form
      action={archiveMeterAction}
      onSubmit={(e) => {
        if (!window.confirm(`Archive meter "${meterKey}"? It stops counting new events; its usage stays readable. This cannot be undone.`)) e.preventDefault();
      }}
    >
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="rounded-md border border-red-200 px-3 py-1 text-sm text-red-700 hover:bg-red-50">
        Archive
      </button>
    </form>
  );
}
