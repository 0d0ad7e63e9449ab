@NullMarked
package dev.rollcall.server.integrations;

import org.jspecify.annotations.NullMarked;
