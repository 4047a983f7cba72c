import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/** The AES-256 key for stored signing secrets, derived from NEXTAUTH_SECRET (which the app needs anyway). */
function key(): Buffer {
  const root = env().NEXTAUTH_SECRET;
  if (!root) throw new Error("NEXTAUTH_SECRET must be set: webhook signing secrets are stored encrypted with a key derived from it");
  return createHash("sha256").update(`meterly:webhook-secrets:${root}`).digest();
}

/** Encrypts a signing secret for the database: `v1:` and the base64 of IV, GCM tag and ciphertext. */
export function sealSecret(secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
}

export function openSecret(sealed: string): string {
  if (!sealed.startsWith("v1:")) throw new Error("Unknown webhook secret format");
  const raw = Buffer.from(sealed.slice(3), "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}
