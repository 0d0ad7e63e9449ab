@NullMarked
package dev.rollcall.server;

import org.jspecify.annotations.NullMarked;
