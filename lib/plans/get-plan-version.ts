import "server-only";
import { prisma } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { assertAdmin } from "@/lib/auth/assert-role";
import { AppError } from "@/lib/errors/app-error";
import { isUuid } from "@/lib/db/is-uuid";
import { toVersionDto, versionInclude, type PlanVersionDto } from "./version-dto";

/** One plan version with its prices (admins only). */
export async function getPlanVersion(actor: Actor, versionId: string): Promise<PlanVersionDto> {
  assertAdmin(actor);
  const version = isUuid(versionId) ? await prisma.planVersion.findUnique({ where: { id: versionId }, include: versionInclude }) : null;
  if (!version) throw new AppError("NOT_FOUND", "No such plan version");
  return toVersionDto(version);
}
