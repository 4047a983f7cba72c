import { AppError } from "@/lib/errors/app-error";

/** 409 naming the key field: meter keys are unique, archived meters included. */
export function meterKeyTaken(key: string): AppError {
  return new AppError("CONFLICT", `A meter with key "${key}" already exists`, {
    problems: [{ field: "key", rule: "unique", message: `A meter with key "${key}" already exists (archived meters keep their key); choose another key` }],
  });
}

/** Prisma's unique-constraint error (a concurrent create with the same key). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: string }).code === "P2002";
}
