-- CreateTable
CREATE TABLE "meter_usage_notices" (
    "customer_id" UUID NOT NULL,
    "meter_id" UUID NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "covered_until" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "meter_usage_notices_pkey" PRIMARY KEY ("customer_id","meter_id")
);

