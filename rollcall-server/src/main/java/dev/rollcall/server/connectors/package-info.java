@NullMarked
package dev.rollcall.server.connectors;

import org.jspecify.annotations.NullMarked;
