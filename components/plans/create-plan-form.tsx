"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CURRENCY_CODES } from "@/lib/money/currencies";
import { inputClass, ProblemList } from "./field";
import { fetchJson, problemsOf, type Problem } from "@/components/data/fetch-json";

/** Creates a plan and opens its first draft version in the editor. */
export function CreatePlanForm() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    try {
      const created = await fetchJson<{ planId: string; draftVersionId: string }>("/api/admin/plans", {
        method: "POST",
        body: {
          name: form.get("name"),
          description: form.get("description"),
          currency: form.get("currency"),
        },
      });
      router.push(`/admin/plans/${created.planId}/versions/${created.draftVersionId}`);
    } catch (err) {
      setProblems(problemsOf(err, "(plan)"));
      setPending(false);
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-3 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="grid grid-cols-[2fr_3fr_1fr_auto] items-end gap-3">
        <label className="block text-sm font-medium">
          Plan name
          <input name="name" required maxLength={100} placeholder="Pro" className={inputClass} />
        </label>
        <label className="block text-sm font-medium">
          Description
          <input
            name="description"
            maxLength={500}
            placeholder="For teams shipping to production"
            className={inputClass}
          />
        </label>
        <label className="block text-sm font-medium">
          Currency
          <select name="currency" defaultValue="USD" className={inputClass}>
            {CURRENCY_CODES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500 disabled:opacity-60"
        >
          {pending ? "Creating…" : "Create plan"}
        </button>
      </div>
      <ProblemList problems={problems} />
    </form>
  );
}
