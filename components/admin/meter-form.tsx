"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import type { FormAction, FormState } from "@/lib/forms/form-state";

type MeterFormState = FormState<object>;

const AGGREGATIONS = [
  { value: "SUM", label: "Sum of a value" },
  { value: "COUNT", label: "Count of events" },
  { value: "MAX", label: "Maximum value" },
  { value: "UNIQUE_COUNT", label: "Unique count (distinct values)" },
  { value: "LATEST", label: "Latest value (by event time)" },
];

export type MeterFormValues = {
  id?: string;
  key: string;
  name: string;
  eventType: string;
  aggregation: string;
  valueProperty: string;
  groupBy: string;
  filters: string;
  unit: string;
  allowNegative: boolean;
};

const input =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-100 disabled:text-slate-500";

/**
 * Create and edit form for meters. For a meter in use, the fields that define how events count are shown
 * but disabled (and so not sent): the note says to archive and create a new meter instead.
 */
export function MeterForm({
  action,
  initial,
  inUse = false,
  submitLabel,
}: {
  action: FormAction<MeterFormState>;
  initial: MeterFormValues;
  inUse?: boolean;
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState<MeterFormState, FormData>(action, null);
  const v = (name: keyof MeterFormValues) => String(initial[name] ?? "");
  const [aggregation, setAggregation] = useState(initial.aggregation);
  const err = (name: string) => state?.fields?.[name];
  const needsValue = aggregation !== "COUNT";
  const negativeApplies = aggregation === "SUM" || aggregation === "MAX" || aggregation === "LATEST";

  return (
    <form
      // Submitted by hand rather than with `action`, which resets the form after every attempt: on an error
      // the admin's input (the aggregation picked included) stays as typed, next to the messages.
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => formAction(data));
      }}
      className="max-w-2xl space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      noValidate
    >
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      {inUse && (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          This meter already has usage, so what it counts (event type, aggregation, value property, group-by,
          filters) is fixed. To count differently, archive it and create a new meter. Name, key, unit and
          corrections stay editable.
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="meter-name" label="Name" error={err("name")}>
          <input
            id="meter-name"
            aria-describedby="meter-name-hint"
            name="name"
            defaultValue={v("name")}
            required
            maxLength={100}
            placeholder="LLM tokens"
            className={input}
          />
        </Field>
        <Field
          id="meter-key"
          label="Key"
          hint="API name: lowercase letters, digits, _ (e.g. llm_tokens)"
          error={err("key")}
        >
          <input
            id="meter-key"
            aria-describedby="meter-key-hint"
            name="key"
            defaultValue={v("key")}
            required
            pattern="[a-z][a-z0-9_]{1,62}"
            placeholder="llm_tokens"
            className={`${input} font-mono`}
          />
        </Field>
        <Field
          id="meter-eventType"
          label="Event type"
          hint="The type apps send in each event"
          error={err("eventType")}
        >
          <input
            id="meter-eventType"
            aria-describedby="meter-eventType-hint"
            name="eventType"
            defaultValue={v("eventType")}
            disabled={inUse}
            required
            placeholder="llm_tokens"
            className={`${input} font-mono`}
          />
        </Field>
        <Field id="meter-aggregation" label="Aggregation" error={err("aggregation")}>
          <select
            id="meter-aggregation"
            aria-describedby="meter-aggregation-hint"
            name="aggregation"
            value={aggregation}
            onChange={(e) => setAggregation(e.target.value)}
            disabled={inUse}
            className={input}
          >
            {AGGREGATIONS.map((a) => (
              <option key={a.value} value={a.value}>
                {a.label}
              </option>
            ))}
          </select>
        </Field>
        {needsValue ? (
          <Field
            id="meter-valueProperty"
            label={aggregation === "UNIQUE_COUNT" ? "Identity property" : "Value property"}
            hint={
              aggregation === "UNIQUE_COUNT"
                ? "Distinct values of this property are counted (e.g. user_id)"
                : "The event property holding the number (e.g. tokens)"
            }
            error={err("valueProperty")}
          >
            <input
              id="meter-valueProperty"
              aria-describedby="meter-valueProperty-hint"
              name="valueProperty"
              defaultValue={v("valueProperty")}
              disabled={inUse}
              required
              className={`${input} font-mono`}
            />
          </Field>
        ) : (
          !inUse && <input type="hidden" name="valueProperty" value="" />
        )}
        <Field
          id="meter-unit"
          label="Unit"
          hint="Shown next to quantities (tokens, images, GB)"
          error={err("unit")}
        >
          <input
            id="meter-unit"
            aria-describedby="meter-unit-hint"
            name="unit"
            defaultValue={v("unit")}
            maxLength={32}
            placeholder="units"
            className={input}
          />
        </Field>
        <Field
          id="meter-groupBy"
          label="Group by"
          hint="Dimensions, comma-separated (e.g. model, region)"
          error={err("groupBy")}
        >
          <input
            id="meter-groupBy"
            aria-describedby="meter-groupBy-hint"
            name="groupBy"
            defaultValue={v("groupBy")}
            disabled={inUse}
            placeholder="model, region"
            className={`${input} font-mono`}
          />
        </Field>
      </div>
      <Field
        id="meter-filters"
        label="Filters"
        hint='Optional, one per line: "region = eu" or "model in gpt-4, gpt-5". Only matching events count.'
        error={err("filters")}
      >
        <textarea
          id="meter-filters"
          aria-describedby="meter-filters-hint"
          name="filters"
          defaultValue={v("filters")}
          disabled={inUse}
          rows={3}
          className={`${input} font-mono`}
        />
      </Field>
      {negativeApplies ? (
        <label className="flex items-start gap-2 text-sm">
          <input type="hidden" name="allowNegativeField" value="1" />
          <input
            type="checkbox"
            name="allowNegative"
            defaultChecked={initial.allowNegative}
            className="mt-1"
          />
          <span>
            <span className="font-medium">Allow negative values (corrections)</span>
            <span className="block text-slate-500">
              Apps may send negative amounts to correct earlier usage. Off: negative values are rejected.
            </span>
            {err("allowNegative") && <span className="block text-red-700">{err("allowNegative")}</span>}
          </span>
        </label>
      ) : (
        <input type="hidden" name="allowNegativeField" value="1" />
      )}
      {state?.error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.error}
        </p>
      )}
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? "Saving…" : submitLabel}
        </button>
        <Link href="/admin/meters" className="text-sm text-slate-600 hover:underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}

/** A labelled control; the hint and the error are described-by text, not part of the label. */
function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <div className="text-sm">
      <label htmlFor={id} className="block font-medium">
        {label}
      </label>
      {children}
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
