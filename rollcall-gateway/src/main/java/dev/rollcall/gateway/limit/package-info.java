/**
 * Token-bucket rate limits, kept in memory or shared by every Rollcall instance through PostgreSQL
 * (Bucket4j). The gateway asks a {@link dev.rollcall.gateway.limit.RateLimitStore} for a token per
 * request and per limit that applies to it.
 */
@NullMarked
package dev.rollcall.gateway.limit;

import org.jspecify.annotations.NullMarked;
