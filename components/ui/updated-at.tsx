"use client";

import { useSyncExternalStore } from "react";
import { formatTime } from "@/lib/dates/format-date";

const noSubscription = () => () => {};

/**
 * When live data was last fetched ("14:03:05 UTC"). The server's render and hydration both say "just now":
 * the fetch time differs between the server and the browser, so printing it there would not hydrate.
 */
export function UpdatedAt({ at }: { at: number }) {
  const hydrated = useSyncExternalStore(noSubscription, () => true, () => false);
  return <time dateTime={hydrated && at ? new Date(at).toISOString() : undefined}>{hydrated && at ? formatTime(at) : "just now"}</time>;
}
