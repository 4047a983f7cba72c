// Generates the Prisma client after install. schema.prisma reads DATABASE_URL, which generate never
// connects to, so a placeholder is set when none is given.
import { spawnSync } from "node:child_process";

const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" };
const res = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env });
process.exit(res.status ?? 1);
