@NullMarked
package dev.rollcall.server.database;

import org.jspecify.annotations.NullMarked;
