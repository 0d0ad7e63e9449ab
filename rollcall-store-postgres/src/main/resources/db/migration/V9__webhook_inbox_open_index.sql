-- Workers claim the oldest open events (pending, failed and due, or processing with an expired lease)
-- in arrival order. The claim used to scan the primary key from the first event ever received,
-- skipping every processed one, so each claim cost more as the inbox grew: draining a backlog of
-- 200,000 events ran at ~2,000 events/s with PostgreSQL busy on that scan. An index of the open
-- events only, in id order, keeps a claim proportional to the events still open.
create index webhook_event_open on webhook_event (id) where status in ('pending', 'failed', 'processing');
drop index webhook_event_due;
