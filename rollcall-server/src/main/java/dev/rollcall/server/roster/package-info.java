/**
 * The roster browser: the canonical roster as operators search it (users, classes, enrollments,
 * orgs, courses, academic sessions), and one record with its mappings, field provenance and change
 * history. Reads of student records are audited like the OneRoster API's.
 */
@NullMarked
package dev.rollcall.server.roster;

import org.jspecify.annotations.NullMarked;
