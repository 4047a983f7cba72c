-- AlterTable
ALTER TABLE "credit_balances" ADD COLUMN     "low_balance_alert_minor" BIGINT;

