/**
 * Webhooks in: endpoints per integration (created through the admin API with a verification scheme
 * and an encrypted secret), the ingress at {@code POST /webhooks/{endpointId}} that verifies, dedupes
 * and commits each event to a durable inbox before answering, and the workers that process the inbox.
 */
@NullMarked
package dev.rollcall.server.webhooks;

import org.jspecify.annotations.NullMarked;
