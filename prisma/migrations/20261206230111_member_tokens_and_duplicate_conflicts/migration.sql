-- CreateEnum
CREATE TYPE "MemberTokenPurpose" AS ENUM ('INVITE', 'RESET');

-- CreateTable
CREATE TABLE "member_tokens" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_id" UUID NOT NULL,
    "purpose" "MemberTokenPurpose" NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "duplicate_conflict_days" (
    "customer_id" UUID NOT NULL,
    "day" DATE NOT NULL,
    "count" INTEGER NOT NULL,
    "last_at" TIMESTAMPTZ(3) NOT NULL,
    "sample_id" VARCHAR(128) NOT NULL,
    "sample_sent" JSONB NOT NULL,
    "sample_stored" JSONB NOT NULL,

    CONSTRAINT "duplicate_conflict_days_pkey" PRIMARY KEY ("customer_id","day")
);

-- CreateIndex
CREATE UNIQUE INDEX "member_tokens_token_hash_key" ON "member_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "member_tokens_user_id_purpose_created_at_idx" ON "member_tokens"("user_id", "purpose", "created_at");

-- AddForeignKey
ALTER TABLE "member_tokens" ADD CONSTRAINT "member_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

