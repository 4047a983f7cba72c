import "server-only";
import { openSecret } from "./secret-box";

/** The secrets that sign a message now: the current one, and the previous one while its 24 hours last. */
export function signingSecrets(e: { secretEncrypted: string; previousSecretEncrypted: string | null; previousSecretExpiresAt: Date | null }, now: Date): string[] {
  const secrets = [openSecret(e.secretEncrypted)];
  if (e.previousSecretEncrypted && e.previousSecretExpiresAt && e.previousSecretExpiresAt > now) secrets.push(openSecret(e.previousSecretEncrypted));
  return secrets;
}
