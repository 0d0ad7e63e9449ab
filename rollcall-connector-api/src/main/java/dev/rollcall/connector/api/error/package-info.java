@NullMarked
package dev.rollcall.connector.api.error;

import org.jspecify.annotations.NullMarked;
