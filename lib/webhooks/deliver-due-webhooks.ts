import "server-only";
import { attemptDelivery, type AttemptOptions } from "./attempt-delivery";
import { claimDeliveries } from "./claim-deliveries";
import { notifyEndpointDisabled } from "./notify-endpoint-disabled";

/**
 * Claims due deliveries and attempts them concurrently (each one's HTTP call outside any transaction);
 * returns how many it attempted. `now` is injectable so tests walk the retry schedule without waiting.
 */
export async function deliverDueWebhooks(opts: Partial<AttemptOptions> & { limit?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const claimed = await claimDeliveries(now, opts.limit ?? 20);
  await Promise.all(
    claimed.map(async (c) => {
      try {
        const outcome = await attemptDelivery(c, { ...opts, now });
        if (outcome.kind === "endpoint_disabled" && outcome.failingForDays) await notifyEndpointDisabled(c, outcome.reason);
      } catch (e) {
        // The lease runs out and another sweep tries again.
        console.error(`webhook delivery ${c.id} could not be attempted:`, e instanceof Error ? e.message : e);
      }
    }),
  );
  return claimed.length;
}
