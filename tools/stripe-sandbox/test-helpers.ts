import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Stripe from "stripe";
import { startStripeSandbox, type StripeSandbox, type StripeSandboxOptions } from "./server";

export const WEBHOOK_SECRET = "whsec_sandbox_test_secret_0123456789";

/** One POST the receiver got, verified (or not) with the real `stripe.webhooks.constructEvent`. */
export interface ReceivedWebhook {
  rawBody: string;
  signature: string;
  event: Stripe.Event | null;
  verifyError: string | null;
  status: number;
}

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Statuses to answer with, one per request, before falling back to 200. */
  failNext(...statuses: number[]): void;
  /** Verified events of a type (optionally for one object id). */
  eventsOf(type: string, objectId?: string): Stripe.Event[];
  waitFor(type: string, objectId?: string, timeoutMs?: number): Promise<Stripe.Event>;
  close(): Promise<void>;
}

function objectIdOf(event: Stripe.Event): string | undefined {
  const object: unknown = event.data.object;
  return typeof object === "object" && object !== null && "id" in object && typeof object.id === "string" ? object.id : undefined;
}

/** A tiny webhook endpoint that verifies every delivery exactly as the app does. */
export async function startReceiver(stripe: Stripe, secret = WEBHOOK_SECRET): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const queued: number[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const signature = String(req.headers["stripe-signature"] ?? "");
      let event: Stripe.Event | null = null;
      let verifyError: string | null = null;
      try {
        event = stripe.webhooks.constructEvent(rawBody, signature, secret);
      } catch (error) {
        verifyError = error instanceof Error ? error.message : String(error);
      }
      const status = queued.shift() ?? (event ? 200 : 400);
      received.push({ rawBody, signature, event, verifyError, status });
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify({ received: status < 300 }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const eventsOf = (type: string, objectId?: string) =>
    received
      .filter((r) => r.status >= 200 && r.status < 300)
      .map((r) => r.event)
      .filter((e): e is Stripe.Event => e !== null && e.type === type && (!objectId || objectIdOf(e) === objectId));
  return {
    url: `http://127.0.0.1:${port}/api/webhooks/stripe`,
    received,
    failNext: (...statuses) => queued.push(...statuses),
    eventsOf,
    async waitFor(type, objectId, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const [found] = eventsOf(type, objectId);
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`No verified ${type} webhook${objectId ? ` for ${objectId}` : ""} within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export interface Harness {
  sandbox: StripeSandbox;
  stripe: Stripe;
  receiver: Receiver;
  close(): Promise<void>;
}

export function sdkFor(port: number, key = "sk_test_sandbox"): Stripe {
  return new Stripe(key, { host: "127.0.0.1", port, protocol: "http", telemetry: false });
}

/** Sandbox on a free port + the real SDK pointed at it + a verifying webhook receiver. */
export async function startHarness(opts: Partial<StripeSandboxOptions> = {}): Promise<Harness> {
  const verifier = new Stripe("sk_test_verifier");
  const receiver = await startReceiver(verifier);
  const sandbox = await startStripeSandbox({
    port: 0,
    webhookUrl: receiver.url,
    webhookSecret: WEBHOOK_SECRET,
    webhookRetryDelaysMs: [20, 40, 80, 160],
    ...opts,
  });
  return {
    sandbox,
    stripe: sdkFor(sandbox.port),
    receiver,
    async close() {
      await sandbox.close();
      await receiver.close();
    },
  };
}

/** Fills in and posts the hosted payment page like a browser would (no redirect following). */
export async function submitCard(sessionUrl: string, cardNumber: string, extra: Record<string, string> = {}): Promise<Response> {
  const form = new URLSearchParams({ cardNumber, cardExpiry: "12 / 34", cardCvc: "123", cardName: "Ada Lovelace", ...extra });
  return fetch(sessionUrl, { method: "POST", body: form, redirect: "manual" });
}
