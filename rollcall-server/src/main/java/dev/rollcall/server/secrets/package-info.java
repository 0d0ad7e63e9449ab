@NullMarked
package dev.rollcall.server.secrets;

import org.jspecify.annotations.NullMarked;
