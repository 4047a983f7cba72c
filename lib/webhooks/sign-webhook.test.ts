import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret } from "./generate-secret";
import { signWebhook } from "./sign-webhook";

describe("signWebhook", () => {
  it("signs as the standardwebhooks package does, one v1 signature per secret", () => {
    const a = generateWebhookSecret();
    const b = generateWebhookSecret();
    const msg = { id: "evt_1", timestamp: Math.floor(Date.now() / 1000), body: '{"type":"invoice.paid"}' };
    const theirs = new Webhook(a).sign(msg.id, new Date(msg.timestamp * 1000), msg.body);
    expect(signWebhook([a], msg)).toBe(theirs);
    const both = signWebhook([a, b], msg);
    expect(both.split(" ")).toEqual([theirs, new Webhook(b).sign(msg.id, new Date(msg.timestamp * 1000), msg.body)]);
    const headers = { "webhook-id": msg.id, "webhook-timestamp": String(msg.timestamp), "webhook-signature": both };
    expect(new Webhook(b).verify(msg.body, headers)).toEqual({ type: "invoice.paid" });
  });

  it("makes secrets of 32 random bytes after whsec_", () => {
    const s = generateWebhookSecret();
    expect(Buffer.from(s.slice(6), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(s);
  });
});
