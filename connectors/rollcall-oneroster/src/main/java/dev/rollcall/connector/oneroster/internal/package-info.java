/** The OneRoster connector's implementation: paging, tolerant record reading, writes, the doctor. */
@NullMarked
package dev.rollcall.connector.oneroster.internal;

import org.jspecify.annotations.NullMarked;
