@NullMarked
package dev.rollcall.connector.api;

import org.jspecify.annotations.NullMarked;
