@NullMarked
package dev.rollcall.simulator;

import org.jspecify.annotations.NullMarked;
