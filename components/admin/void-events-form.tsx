"use client";

import { startTransition, useActionState, useState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";
import type { VoidResult } from "@/lib/metering/voids/void-events";

type VoidFormState = FormState<{ result: VoidResult }>;

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm";

/** Voids one event by id, or every event matching a filter; a reason is always required. `prefill`: one event (from the events explorer). */
export function VoidEventsForm({
  customers,
  eventTypes,
  action: voidEventsAction,
  prefill,
}: {
  customers: { externalId: string; name: string }[];
  eventTypes: string[];
  action: FormAction<VoidFormState>;
  prefill?: { customer: string; eventId: string };
}) {
  const [state, action, pending] = useActionState<VoidFormState, FormData>(voidEventsAction, null);
  const [mode, setMode] = useState<"one" | "matching">("one");
  const err = (name: string) =>
    state?.fields?.[name] && (
      <span className="mt-1 block text-xs font-normal text-red-700">{state.fields[name]}</span>
    );

  return (
    <form
      className="max-w-2xl space-y-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      // Submitted by hand (not `action`, which resets the form): after an error the input stays for fixing.
      onSubmit={(e) => {
        e.preventDefault();
        if (
          !window.confirm(
            "Void these events? Their usage is removed from every meter and cannot be restored.",
          )
        )
          return;
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
    >
      <input type="hidden" name="mode" value={mode} />
      <fieldset className="flex gap-4 text-sm">
        <legend className="mb-2 text-sm font-medium">Void</legend>
        <label className="flex items-center gap-2">
          <input type="radio" checked={mode === "one"} onChange={() => setMode("one")} /> One event, by id
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" checked={mode === "matching"} onChange={() => setMode("matching")} /> All events
          matching a filter
        </label>
      </fieldset>
      <label className="block text-sm font-medium">
        Customer
        <select name="customer" required className={input} defaultValue={prefill?.customer}>
          <option value="">Choose a customer</option>
          {customers.map((c) => (
            <option key={c.externalId} value={c.externalId}>
              {c.name} ({c.externalId})
            </option>
          ))}
        </select>
        {err("customer")}
      </label>
      {mode === "one" ? (
        <label className="block text-sm font-medium">
          Event id
          <input name="eventId" required className={`${input} font-mono`} placeholder="req-0001" defaultValue={prefill?.eventId} />
          {err("eventId")}
        </label>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block text-sm font-medium sm:col-span-2">
            Event type
            <input name="eventType" list="void-event-types" required className={`${input} font-mono`} />
            <datalist id="void-event-types">
              {eventTypes.map((t) => (
                <option key={t} value={t} />
              ))}
            </datalist>
            {err("eventType")}
          </label>
          <label className="block text-sm font-medium">
            From (UTC, included)
            <input type="datetime-local" name="from" required className={input} />
            {err("from")}
          </label>
          <label className="block text-sm font-medium">
            To (UTC, excluded)
            <input type="datetime-local" name="to" required className={input} />
            {err("to")}
          </label>
          <label className="block text-sm font-medium">
            Only where property (optional)
            <input name="propertyName" className={`${input} font-mono`} placeholder="model" />
            {err("property")}
          </label>
          <label className="block text-sm font-medium">
            equals
            <input name="propertyValue" className={`${input} font-mono`} placeholder="gpt-x" />
          </label>
        </div>
      )}
      <label className="block text-sm font-medium">
        Reason
        <textarea
          name="reason"
          required
          minLength={3}
          maxLength={500}
          rows={2}
          className={input}
          placeholder="Duplicate reports from a retry bug, ticket #123"
        />
        {err("reason")}
      </label>
      {state?.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      {state?.result && (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {state.result.voided === 0
            ? "No events matched: nothing was voided."
            : `Voided ${state.result.voided} event${state.result.voided === 1 ? "" : "s"} of ${state.result.customer}; ${state.result.hoursRecomputed} hour${state.result.hoursRecomputed === 1 ? "" : "s"} of usage recomputed.`}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-500 disabled:opacity-60"
      >
        {pending ? "Voiding…" : "Void events"}
      </button>
    </form>
  );
}
