/** The {@code webhook-ingress} benchmark: signed deliveries into a running Rollcall at high concurrency. */
@NullMarked
package dev.rollcall.bench.webhooks;

import org.jspecify.annotations.NullMarked;
