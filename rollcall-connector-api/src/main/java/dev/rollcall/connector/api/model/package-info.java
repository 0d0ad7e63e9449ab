@NullMarked
package dev.rollcall.connector.api.model;

import org.jspecify.annotations.NullMarked;
