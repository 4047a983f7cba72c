-- CreateEnum
CREATE TYPE "ApiKeyScope" AS ENUM ('FULL', 'INGEST', 'READ');

-- AlterTable
ALTER TABLE "api_keys" ADD COLUMN     "scope" "ApiKeyScope" NOT NULL DEFAULT 'FULL';

-- AlterTable
ALTER TABLE "audit_log" ADD COLUMN     "customer_id" UUID;

-- CreateIndex
CREATE INDEX "audit_log_customer_id_id_idx" ON "audit_log"("customer_id", "id");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_id_idx" ON "audit_log"("actor_id", "id");

-- CreateIndex
CREATE INDEX "audit_log_action_id_idx" ON "audit_log"("action", "id");

