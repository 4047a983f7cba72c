import type { ServerResponse } from "node:http";
import type { Sandbox } from "./context";
import { invalidRequest, isSandboxError } from "./errors";
import { sendJson } from "./http";

/**
 * Test-only helpers under `/_sandbox` (no API key needed):
 *   GET  /_sandbox/health               -> { ok: true }
 *   GET  /_sandbox/deliveries           -> every webhook delivery attempt
 *   POST /_sandbox/events/:id/resend    -> delivers the stored event again (replay / duplicate tests)
 */
export function handleAdmin(sb: Sandbox, method: string, path: string, res: ServerResponse): void {
  if (method === "GET" && path === "/_sandbox/health") {
    sendJson(res, 200, { ok: true });
    return;
  }
  if (method === "GET" && path === "/_sandbox/deliveries") {
    sendJson(res, 200, { object: "list", data: sb.webhooks.deliveries, has_more: false, url: path });
    return;
  }
  const resend = /^\/_sandbox\/events\/([A-Za-z0-9_]+)\/resend$/.exec(path);
  if (method === "POST" && resend) {
    try {
      const event = sb.store.event(resend[1]);
      if (!sb.webhooks.wants(event.type)) throw invalidRequest("No webhook endpoint is configured for this event type.", undefined, undefined, 409);
      event.pending_webhooks += 1;
      sb.webhooks.enqueue(event);
      sendJson(res, 200, { id: event.id, object: "event", type: event.type, resent: true });
    } catch (error) {
      if (!isSandboxError(error)) throw error;
      sendJson(res, error.status, { error: error.body });
    }
    return;
  }
  sendJson(res, 404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } });
}
