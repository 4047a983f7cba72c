"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { retryQuery } from "@/components/data/fetch-json";

/** Kept for modules written against the old home of fetchJson; new code imports components/data/fetch-json. */
export { fetchJson } from "@/components/data/fetch-json";

export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            retry: retryQuery,
            refetchOnWindowFocus: true,
          },
        },
      }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
