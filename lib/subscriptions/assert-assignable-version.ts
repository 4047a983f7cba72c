import "server-only";
import type { Prisma } from "@/lib/db/generated/client";
import { isUuid } from "@/lib/db/is-uuid";
import { AppError } from "@/lib/errors/app-error";

const problem = (rule: string, message: string) => new AppError("UNPROCESSABLE", message, { problems: [{ field: "planVersionId", rule, message }] });

/** A version a customer can be put on: published, and priced in the customer's currency (422 otherwise). */
export async function assertAssignableVersion(tx: Prisma.TransactionClient, versionId: string, customerCurrency: string) {
  const version = isUuid(versionId) ? await tx.planVersion.findUnique({ where: { id: versionId }, include: { plan: { select: { name: true } } } }) : null;
  if (!version) throw problem("known_version", "No such plan version");
  if (version.status !== "PUBLISHED") throw problem("published", `Version ${version.number} of ${version.plan.name} is a draft: publish it before assigning it`);
  if (version.currency !== customerCurrency) {
    throw problem("same_currency", `${version.plan.name} v${version.number} is priced in ${version.currency} but the customer pays in ${customerCurrency}`);
  }
  return version;
}
