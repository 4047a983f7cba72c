/**
 * limit_alerts.kind: "threshold" (reached), "cap_reached" (usage refused), "forecast" (projected to pass) are
 * states, active until resolved; "spike" is an event of one hour (its limit_id is the meter), never active.
 */
export const ACTIVE_ALERT_KINDS = ["threshold", "cap_reached", "forecast"] as const;

export const isActiveKind = (kind: string) => (ACTIVE_ALERT_KINDS as readonly string[]).includes(kind);
