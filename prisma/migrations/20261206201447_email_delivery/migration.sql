-- AlterTable
ALTER TABLE "notifications" ADD COLUMN     "email_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "email_error" TEXT,
ADD COLUMN     "email_retry_at" TIMESTAMPTZ(3),
ADD COLUMN     "emailed_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "notification_emails" (
    "customer_id" UUID NOT NULL,
    "notification_id" BIGINT NOT NULL,
    "recipient" TEXT NOT NULL,
    "message_id" TEXT,
    "sent_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_emails_pkey" PRIMARY KEY ("customer_id","notification_id","recipient")
);

-- CreateTable
CREATE TABLE "email_opt_outs" (
    "customer_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "category" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "email_opt_outs_pkey" PRIMARY KEY ("customer_id","user_id","category")
);

-- CreateTable
CREATE TABLE "caught_emails" (
    "id" BIGSERIAL NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sender" TEXT NOT NULL,
    "recipients" TEXT[],
    "subject" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL DEFAULT '',
    "html" TEXT,
    "message_id" TEXT,
    "size_bytes" INTEGER NOT NULL,

    CONSTRAINT "caught_emails_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "email_opt_outs_user_id_idx" ON "email_opt_outs"("user_id");

-- CreateIndex
CREATE INDEX "caught_emails_received_at_idx" ON "caught_emails"("received_at");

-- CreateIndex
CREATE INDEX "notifications_emailed_at_created_at_idx" ON "notifications"("emailed_at", "created_at");

-- AddForeignKey
ALTER TABLE "notification_emails" ADD CONSTRAINT "notification_emails_customer_id_notification_id_fkey" FOREIGN KEY ("customer_id", "notification_id") REFERENCES "notifications"("customer_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "email_opt_outs" ADD CONSTRAINT "email_opt_outs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

