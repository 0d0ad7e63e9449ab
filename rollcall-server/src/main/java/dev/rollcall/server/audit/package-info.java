@NullMarked
package dev.rollcall.server.audit;

import org.jspecify.annotations.NullMarked;
