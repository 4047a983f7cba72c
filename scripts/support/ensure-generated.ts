import { existsSync } from "node:fs";
import { mustRun } from "./run-command";

const PLACEHOLDER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Generates the Prisma client if it is missing (schema.prisma reads DATABASE_URL, which generate never connects to). */
export async function ensurePrismaClient(force = false): Promise<void> {
  if (!force && existsSync("lib/db/generated/client.ts")) return;
  await mustRun("npx", ["prisma", "generate"], { env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? PLACEHOLDER_URL } });
}
