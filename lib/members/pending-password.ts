/**
 * The password hash of a member who has not accepted their invitation yet: not a bcrypt hash, so no
 * password signs in with it.
 */
export const PENDING_PASSWORD = "";
