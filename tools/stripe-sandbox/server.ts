import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { handleAdmin } from "./admin";
import { DEFAULT_API_VERSION, Sandbox } from "./context";
import { dispatchApi } from "./dispatch";
import { BodyTooLargeError, headerValue, readBody, sendJson } from "./http";
import { handlePayPage } from "./pages";
import { Store, type StripeEvent } from "./store";
import { WebhookDispatcher, type DeliveryAttempt } from "./webhooks";

export interface StripeSandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Base URL used in `session.url` (default `http://127.0.0.1:<port>`). */
  publicUrl?: string;
  /** Where webhook events are POSTed; without it events are only stored. */
  webhookUrl?: string;
  /** The endpoint's signing secret (`whsec_...`); required with webhookUrl. */
  webhookSecret?: string;
  /** Delays before each retry (attempts = length + 1). Default [1000, 2000, 4000, 8000] = 5 attempts. */
  webhookRetryDelaysMs?: number[];
  /** Per-attempt timeout, default 10 s. */
  webhookTimeoutMs?: number;
  /** Event types to deliver; default all. */
  webhookEvents?: string[];
  /** JSON file that keeps state across restarts. */
  stateFile?: string;
  /** `api_version` on events; defaults to the version stripe 23.1.0 pins. */
  apiVersion?: string;
  /** Receives one line per API call and webhook attempt; default silent. */
  log?: (line: string) => void;
}

export interface StripeSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
  /** Resolves when every webhook delivery in flight (with its retries) has finished. */
  webhooksIdle(): Promise<void>;
  /** Points webhook delivery somewhere else (e.g. once the app's port is known). */
  setWebhookEndpoint(url: string, secret: string): void;
  /** All events so far, oldest first. */
  events(): readonly StripeEvent[];
  /** Every webhook delivery attempt so far. */
  deliveries(): readonly DeliveryAttempt[];
}

async function route(sb: Sandbox, req: IncomingMessage, res: ServerResponse, log: (line: string) => void): Promise<void> {
  const method = req.method ?? "GET";
  const url = new URL(req.url ?? "/", "http://sandbox.invalid");
  const body = method === "POST" ? await readBody(req) : "";
  const path = url.pathname;
  if (path.startsWith("/v1/")) {
    const result = dispatchApi(
      sb,
      {
        method,
        path,
        query: url.search.slice(1),
        body,
        authorization: headerValue(req, "authorization"),
        idempotencyKey: headerValue(req, "idempotency-key"),
        stripeVersion: headerValue(req, "stripe-version"),
      },
      log,
    );
    sendJson(res, result.status, result.body, result.headers);
  } else if (/^\/pay\/[A-Za-z0-9_]+$/.test(path)) {
    handlePayPage(sb, method, path.slice("/pay/".length), body, res);
    log(`${method} ${path} -> ${res.statusCode}`);
  } else if (path.startsWith("/_sandbox/")) {
    handleAdmin(sb, method, path, res);
  } else {
    const message = `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`;
    sendJson(res, 404, { error: { type: "invalid_request_error", message } });
  }
  if (method !== "GET") sb.store.save();
}

/** Starts the Stripe-compatible sandbox; point `new Stripe(key, { host, port, protocol: "http" })` at it. */
export async function startStripeSandbox(opts: StripeSandboxOptions = {}): Promise<StripeSandbox> {
  if (opts.webhookUrl && !opts.webhookSecret) throw new Error("startStripeSandbox: webhookSecret is required with webhookUrl");
  const log = opts.log ?? (() => undefined);
  const store = new Store(opts.stateFile);
  const webhooks = new WebhookDispatcher(
    {
      url: opts.webhookUrl,
      secret: opts.webhookSecret,
      retryDelaysMs: opts.webhookRetryDelaysMs ?? [1000, 2000, 4000, 8000],
      timeoutMs: opts.webhookTimeoutMs ?? 10_000,
      enabledEvents: opts.webhookEvents ?? "*",
      log,
    },
    (event) => {
      event.pending_webhooks = Math.max(0, event.pending_webhooks - 1);
      store.save();
    },
  );
  const sb = new Sandbox(store, webhooks, opts.apiVersion ?? DEFAULT_API_VERSION);
  const server = createServer((req, res) => {
    route(sb, req, res, log).catch((error: unknown) => {
      const tooLarge = error instanceof BodyTooLargeError;
      if (!tooLarge) log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (res.headersSent) return res.destroy();
      sendJson(res, tooLarge ? 413 : 500, { error: { type: tooLarge ? "invalid_request_error" : "api_error", message: tooLarge ? "Request body too large." : "An unknown error occurred in the Stripe sandbox." } });
    });
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const publicHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  sb.baseUrl = (opts.publicUrl ?? `http://${publicHost}:${port}`).replace(/\/$/, "");
  return {
    url: sb.baseUrl,
    port,
    close: async () => {
      webhooks.close();
      await webhooks.idle();
      store.save();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
    webhooksIdle: () => webhooks.idle(),
    setWebhookEndpoint: (url, secret) => webhooks.configure(url, secret),
    events: () => store.state.events,
    deliveries: () => webhooks.deliveries,
  };
}
