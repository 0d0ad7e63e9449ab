package dev.rollcall.connector.api.config;

import java.util.List;

/**
 * A rule over several fields (e.g. "OAuth 1.0a needs a consumer key, OAuth 2 a token URL"). It
 * sees the fields that passed their own checks; a field that failed is absent from the config it
 * gets, so a rule reports only what the field problems do not already say. Pure, like {@link
 * FieldCheck}.
 */
@FunctionalInterface
public interface ConfigRule {
    List<ConfigProblem> check(ConnectorConfig config);
}
