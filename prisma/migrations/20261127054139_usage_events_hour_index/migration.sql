-- DropIndex
DROP INDEX "usage_events_customer_id_event_type_timestamp_idx";



-- Hand-written below (Prisma's schema language has no expression indexes). A customer's events of a type
-- are found by the UTC hour of their timestamp (the rollups' bucket) rather than by the timestamp itself:
-- events of one customer, type and hour share a key, which B-tree deduplication stores once with a list of
-- rows, and new rows go at the end of their key's list. So an insert touches a few hot pages however late
-- or out of order the timestamps come, where an index on the exact timestamp took one at a random place;
-- the index is smaller, and ingestion writes less WAL. lib/metering/event-hour.ts writes the conditions
-- that use it (the expression must be the same as here).
CREATE INDEX "usage_events_customer_type_hour_idx" ON "usage_events" ("customer_id", "event_type", (date_trunc('hour', "timestamp" AT TIME ZONE 'UTC')));
