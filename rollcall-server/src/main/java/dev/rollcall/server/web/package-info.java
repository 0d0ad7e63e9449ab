@NullMarked
package dev.rollcall.server.web;

import org.jspecify.annotations.NullMarked;
