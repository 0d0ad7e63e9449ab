package dev.rollcall.connector.api.model;

/** An identifier of a user in another system, e.g. {@code {"type": "LDAP", "identifier": "jdoe"}}. */
public record UserId(String type, String identifier) {}
