@NullMarked
package dev.rollcall.simulator.http;

import org.jspecify.annotations.NullMarked;
