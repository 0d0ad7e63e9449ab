/** The engine's moving parts; not an API, may change at any time. */
@NullMarked
package dev.rollcall.engine.sync.internal;

import org.jspecify.annotations.NullMarked;
