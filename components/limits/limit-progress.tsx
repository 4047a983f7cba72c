import type { ReactNode } from "react";
import type { LimitDto, LimitScopeDto } from "@/lib/limits/limits-overview";
import { LimitBar } from "./limit-bar";

/** One limit's caption and how far this period's value has come toward it: the percentage and the bar with its thresholds. */
export function LimitProgress({
  scope,
  limit,
  children,
}: {
  scope: LimitScopeDto;
  limit: LimitDto;
  children: ReactNode;
}) {
  // Drawing only: the exact figures are in the caption's text.
  const value = Number(scope.value);
  const amount = Number(limit.amount);
  return (
    <>
      <div className="flex justify-between text-sm">
        <span>{children}</span>
        <span className="tabular-nums text-slate-600">{Math.round((value / amount) * 100)}%</span>
      </div>
      <LimitBar
        value={value}
        limit={amount}
        thresholds={limit.thresholds}
        hardCap={limit.mode === "hard_cap"}
        label={`${scope.label}: ${scope.formatted} of ${limit.formatted}`}
      />
      {limit.mode === "hard_cap" && value >= amount && (
        <p className="text-xs font-medium text-red-700" data-testid="cap-reached">
          Cap reached: usage beyond it is refused until the period ends or the cap is raised.
        </p>
      )}
    </>
  );
}
