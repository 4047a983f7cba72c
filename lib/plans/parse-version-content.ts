import { AppError } from "@/lib/errors/app-error";
import { zodProblems } from "@/lib/errors/zod-problems";
import { versionContentSchema, type VersionContent } from "./version-input";

/** Validates a version's content from outside; 422 with field paths ("prices.0.model.tiers.2.upTo"). */
export function parseVersionContent(input: unknown): VersionContent {
  const parsed = versionContentSchema.safeParse(input);
  if (!parsed.success) throw new AppError("UNPROCESSABLE", "The plan version is not valid", { problems: zodProblems(parsed.error) });
  return parsed.data as VersionContent;
}
