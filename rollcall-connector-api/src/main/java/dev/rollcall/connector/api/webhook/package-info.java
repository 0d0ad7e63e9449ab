@NullMarked
package dev.rollcall.connector.api.webhook;

import org.jspecify.annotations.NullMarked;
