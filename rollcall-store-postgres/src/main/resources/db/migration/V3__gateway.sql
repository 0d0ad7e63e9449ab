-- The gateway's token buckets (Bucket4j's PostgreSQL backend, select-for-update flavour), shared by
-- every Rollcall instance on this database so that together they keep each rate limit. One row per
-- limited key and limit, e.g. 'integration:<id>@10/1000ms' or 'upstream:<host>@600/60000ms'. State
-- is Bucket4j's own serialised form; expires_at (epoch milliseconds) is when an untouched bucket has
-- been full long enough for its row to go. Not tenant data: ids name an integration or a host.
create table gateway_rate_bucket (
    id          text primary key,
    state       bytea,
    expires_at  bigint
);
create index gateway_rate_bucket_expires_at on gateway_rate_bucket (expires_at);
