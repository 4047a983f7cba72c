import { createHash, randomBytes } from "node:crypto";

const KEY_PREFIX = "mtr_";

/** A new secret API key: shown once; only its hash is stored. */
export function generateApiKey(): { secret: string; prefix: string; hash: string } {
  const secret = KEY_PREFIX + randomBytes(24).toString("base64url");
  return { secret, prefix: secret.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
