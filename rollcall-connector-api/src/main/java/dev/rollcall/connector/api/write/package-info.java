@NullMarked
package dev.rollcall.connector.api.write;

import org.jspecify.annotations.NullMarked;
