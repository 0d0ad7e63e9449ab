/** The gateway's implementation; not an API. */
@NullMarked
package dev.rollcall.gateway.internal;

import org.jspecify.annotations.NullMarked;
