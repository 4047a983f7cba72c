import { versionContentSchema, type VersionContent } from "./version-input";

/** Validates a version's content from outside; a ZodError names the fields ("prices.0.model.tiers.2.upTo"). */
export function parseVersionContent(input: unknown): VersionContent {
  return versionContentSchema.parse(input) as VersionContent;
}
