import { createHash, randomBytes } from "node:crypto";

/** How long a link works: an invitation a week, a password reset an hour. */
export const INVITE_TTL_MS = 7 * 86_400_000;
export const RESET_TTL_MS = 3_600_000;

/** The token's SHA-256 (hex): all the database keeps, so a leaked table holds no working link. */
export function hashMemberToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A new one-time token (256 random bits, URL-safe) and its hash. */
export function newMemberToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashMemberToken(token) };
}
