@NullMarked
package dev.rollcall.connector.api.config;

import org.jspecify.annotations.NullMarked;
