import { randomBytes } from "node:crypto";

/** A new signing secret: `whsec_` and the base64 of 32 random bytes (the spec asks for 24 to 64). */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}
