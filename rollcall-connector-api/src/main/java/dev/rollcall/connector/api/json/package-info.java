@NullMarked
package dev.rollcall.connector.api.json;

import org.jspecify.annotations.NullMarked;
