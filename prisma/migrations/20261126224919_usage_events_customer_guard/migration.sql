-- DropForeignKey
ALTER TABLE "usage_events" DROP CONSTRAINT "usage_events_customer_id_fkey";


-- Hand-written below (Prisma's schema language has no triggers). Without the foreign key, nothing in the
-- database would stop deleting a customer whose events remain: refuse it, as the key's RESTRICT did.
-- Ingestion key-share-locks every customer of a transaction (lib/metering/lock-customers.ts), so a
-- delete waits for the ingest transactions in flight and then sees their events.
CREATE FUNCTION "refuse_delete_customer_with_events"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "usage_events" WHERE "customer_id" = OLD."id") THEN
    RAISE EXCEPTION 'customer % has usage events and cannot be deleted', OLD."id" USING ERRCODE = '23503';
  END IF;
  RETURN OLD;
END $$;

CREATE TRIGGER "customers_keep_usage_events" BEFORE DELETE ON "customers"
  FOR EACH ROW EXECUTE FUNCTION "refuse_delete_customer_with_events"();
