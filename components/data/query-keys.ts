/**
 * Query keys, one factory per resource, so a query and whatever invalidates it name the same key. Each
 * key starts with its resource's `all`, so invalidating `all` refreshes every query of that resource.
 */
export const usageKeys = {
  all: ["usage"] as const,
  /** One meter's chart: range, granularity and dimension are part of the key. */
  series: <K extends object>(key: K | null) => [...usageKeys.all, "series", key] as const,
  total: (meter: string) => [...usageKeys.all, "total", { meter }] as const,
  summary: () => [...usageKeys.all, "summary"] as const,
};

export const creditKeys = {
  all: ["credits"] as const,
  summary: () => [...creditKeys.all, "summary"] as const,
  ledger: (before: string | null) => [...creditKeys.all, "ledger", { before }] as const,
  purchase: (id: string) => [...creditKeys.all, "purchase", { id }] as const,
};

export const dashboardKeys = {
  all: ["dashboard"] as const,
  summary: () => [...dashboardKeys.all, "summary"] as const,
};
