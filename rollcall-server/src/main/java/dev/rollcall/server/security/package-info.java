@NullMarked
package dev.rollcall.server.security;

import org.jspecify.annotations.NullMarked;
