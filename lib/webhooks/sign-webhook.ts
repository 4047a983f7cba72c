import { createHmac } from "node:crypto";

const PREFIX = "whsec_";

/** The HMAC key of a `whsec_<base64>` secret: the bytes after the prefix, base64-decoded. */
export function secretKey(secret: string): Buffer {
  if (!secret.startsWith(PREFIX)) throw new Error("A webhook secret starts with whsec_");
  return Buffer.from(secret.slice(PREFIX.length), "base64");
}

/**
 * The Standard Webhooks signature header: `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` for each secret,
 * space-separated (two during a rotation: the new secret's first, then the old one's).
 */
export function signWebhook(secrets: readonly string[], msg: { id: string; timestamp: number; body: string }): string {
  const signed = `${msg.id}.${msg.timestamp}.${msg.body}`;
  return secrets.map((s) => `v1,${createHmac("sha256", secretKey(s)).update(signed).digest("base64")}`).join(" ");
}
