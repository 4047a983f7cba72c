import { z } from "zod";

/** An email address as members sign in with it: trimmed, lower case. */
export const memberEmail = z
  .string({ error: "Enter an email address" })
  .trim()
  .toLowerCase()
  .max(254, "An email address has at most 254 characters")
  .pipe(z.email("Enter a valid email address"));

/** A new password: 10 to 72 characters (bcrypt reads no further than 72 bytes). */
export const newPassword = z
  .string({ error: "Enter a password" })
  .min(10, "Use at least 10 characters")
  .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "Use at most 72 bytes");

export const inviteInput = z.object({
  email: memberEmail,
  name: z.string().trim().max(120, "At most 120 characters").optional().transform((v) => v || null),
});

/** Setting a password from a link: the token, the password, and the password again. */
export const setPasswordInput = z
  .object({ token: z.string().min(1, "The link is incomplete").max(200), password: newPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
