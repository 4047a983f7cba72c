import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { headers: Record<string, string>; body: string; json: any };
export type ReceiverAnswer = { status: number; body?: string; headers?: Record<string, string> };

/**
 * A local HTTP server standing in for a customer's webhook endpoint: it keeps every request and answers
 * each with what `answer` says (200 by default), so tests can fail an attempt, then let the retry through.
 */
export async function startWebhookReceiver(answer: (req: ReceivedWebhook, n: number) => ReceiverAnswer = () => ({ status: 200 })) {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        // not JSON: kept as text
      }
      const got = { headers: req.headers as Record<string, string>, body, json };
      received.push(got);
      const a = answer(got, received.length);
      res.writeHead(a.status, { "content-type": "text/plain", ...a.headers });
      res.end(a.body ?? "ok");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
