-- AlterTable
ALTER TABLE "credit_purchases" ADD COLUMN     "failed_at" TIMESTAMPTZ(3),
ADD COLUMN     "notice_dismissed_at" TIMESTAMPTZ(3);

