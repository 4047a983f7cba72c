import { AppError } from "@/lib/errors/app-error";

export const IMMUTABLE_MESSAGE = "published versions are immutable; create a new version";

/** Refuses any change to a published version (409): customers on it keep exactly what they signed up for. */
export function assertDraft(version: { status: string; number: number }): void {
  if (version.status !== "DRAFT") {
    throw new AppError("CONFLICT", `Version ${version.number} is published: ${IMMUTABLE_MESSAGE}`, { details: { rule: "immutable_version" } });
  }
}
