/**
 * How a locked-out sign-in travels from authorize() (server) to the sign-in form (client): next-auth
 * passes a thrown error's message to the page as `error`, so the message carries the wait in seconds.
 * No secrets here; the form imports it.
 */
const PREFIX = "SignInLocked:";

export function signInLockedCode(retryAfterSeconds: number): string {
  return `${PREFIX}${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

/** The seconds to wait, when `error` is a locked-out answer; null for any other error. */
export function lockedRetryAfterSeconds(error: string | null | undefined): number | null {
  if (!error?.startsWith(PREFIX)) return null;
  const seconds = Number(error.slice(PREFIX.length));
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/** What the sign-in form says for an error: the same words for an unknown email and a wrong password. */
export function signInErrorMessage(error: string | null | undefined, now = new Date()): string {
  const seconds = lockedRetryAfterSeconds(error);
  if (seconds === null) return "Wrong email or password. Check both and try again.";
  const minutes = Math.ceil(seconds / 60);
  const at = new Date(now.getTime() + seconds * 1000);
  const clock = `${String(at.getUTCHours()).padStart(2, "0")}:${String(at.getUTCMinutes()).padStart(2, "0")} UTC`;
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (after ${clock}).`;
}
