"use client";

import { useState } from "react";
import type { UsageMeter } from "@/lib/metering/meters/list-usage-meters";

/** A ready-to-run curl that reports one event this meter counts, for the customer looking at it. */
export function firstEventCommand(meter: UsageMeter, customer: string, appUrl: string): string {
  const properties: Record<string, unknown> = {};
  for (const [name, allowed] of Object.entries(meter.filters))
    properties[name] = Array.isArray(allowed) ? allowed[0] : allowed;
  for (const name of meter.groupBy) properties[name] ??= "example";
  if (meter.valueProperty)
    properties[meter.valueProperty] = meter.aggregation === "UNIQUE_COUNT" ? "user-123" : 1;
  const event = { id: "evt-0001", customer, type: meter.eventType, properties };
  return [
    `curl -X POST ${appUrl.replace(/\/$/, "")}/api/v1/events \\`,
    `  -H "Authorization: Bearer $METERLY_KEY" -H "Content-Type: application/json" \\`,
    `  -d '${JSON.stringify(event).replace(/'/g, "'\\''")}'`,
  ].join("\n");
}

export function FirstEventHelp({
  meter,
  customer,
  appUrl,
}: {
  meter: UsageMeter;
  customer: string;
  appUrl: string;
}) {
  const command = firstEventCommand(meter, customer, appUrl);
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(command);
      setCopied("done");
    } catch {
      setCopied("failed");
    }
  }
  return (
    <div
      className="rounded-lg border border-dashed border-slate-300 bg-slate-50 p-4 text-sm text-slate-600"
      data-testid={`usage-empty-${meter.key}`}
    >
      <p className="font-medium text-slate-800">No {meter.name} usage in this range yet.</p>
      <p className="mt-1">
        Your app reports usage to the events API with an API key (ask your admin for one). Each event with a
        new <code>id</code> is counted once; this one is counted by this meter:
      </p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-xs text-slate-100">
        {command}
      </pre>
      <div className="mt-2 flex items-center gap-3">
        <button
          type="button"
          onClick={copy}
          className="rounded-md border border-slate-300 bg-white px-3 py-1 text-xs font-medium hover:bg-slate-100"
        >
          Copy command
        </button>
        <span className="text-xs text-slate-500" aria-live="polite">
          {copied === "done"
            ? "Copied."
            : copied === "failed"
              ? "Could not copy: select the command and copy it."
              : ""}
        </span>
      </div>
    </div>
  );
}
