/**
 * The OneRoster REST connector (type {@code oneroster}): OneRoster 1.2 and 1.1 servers, TimeBack
 * among them. What differs between servers is data, not code: a {@link
 * dev.rollcall.connector.oneroster.OneRosterProfile} names the base and token URLs, the client
 * authentication, the path prefix, where paging lives, the page maximum, the boolean style, the
 * filter dialect and whether writes are allowed, and every field can be overridden per integration.
 * The implementation lives in {@code internal}.
 */
@NullMarked
package dev.rollcall.connector.oneroster;

import org.jspecify.annotations.NullMarked;
