export const MAX_IDENTITY_LENGTH = 256;

export type IdentityResult = { ok: true; value: string } | { ok: false; rule: string; message: string };

/**
 * Reads a UNIQUE_COUNT meter's identity (a user id, a session id): a non-empty string or a finite number.
 * The number 42 and the string "42" are the same identity.
 */
export function readIdentityValue(raw: unknown, field: string): IdentityResult {
  if (raw === undefined || raw === null) return { ok: false, rule: "required", message: `${field} is required by the meter` };
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return { ok: false, rule: "identity", message: `${field} must be a string or a finite number` };
    return { ok: true, value: String(raw) };
  }
  if (typeof raw !== "string") return { ok: false, rule: "identity", message: `${field} must be a string or a number` };
  if (raw.length === 0) return { ok: false, rule: "required", message: `${field} must not be empty` };
  if (raw.length > MAX_IDENTITY_LENGTH) return { ok: false, rule: "max_length", message: `${field} must be at most ${MAX_IDENTITY_LENGTH} characters` };
  return { ok: true, value: raw };
}
