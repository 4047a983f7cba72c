import "server-only";
import { deliverDueWebhooks } from "./deliver-due-webhooks";
import { fanOutNotifications } from "./fan-out-notifications";

/**
 * One webhook step of the background runner: fans new notifications out to endpoints, then attempts the
 * deliveries that are due. Safe with other instances running it at once. Returns what it did.
 */
export async function runWebhooks(opts: { now?: Date } = {}): Promise<{ fannedOut: number; attempted: number }> {
  const { notifications } = await fanOutNotifications({ now: opts.now });
  const attempted = await deliverDueWebhooks({ now: opts.now });
  return { fannedOut: notifications, attempted };
}
