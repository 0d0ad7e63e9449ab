package dev.rollcall.simulator.http;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records as a OneRoster 1.1 provider shows them. What 1.2 added goes: a user has one {@code role}
 * and {@code orgs} references instead of {@code roles[]}, and no {@code userProfiles}, {@code
 * pronouns}, preferred names, {@code userMasterIdentifier} or {@code primaryOrg}; demographics lose
 * the birth-place fields and {@code publicSchoolResidenceStatus}. Other records are the same in
 * both versions. Stateless; the given record is never changed.
 */
final class OneRoster11Shapes {

    private static final List<String> ADDED_IN_1_2 = List.of(
            "userProfiles",
            "pronouns",
            "preferredFirstName",
            "preferredMiddleName",
            "preferredLastName",
            "userMasterIdentifier",
            "primaryOrg",
            "countryOfBirthCode",
            "stateOfBirthAbbreviation",
            "cityOfBirth",
            "publicSchoolResidenceStatus");

    /** The 1.1 role vocabulary; 1.2's administrator roles map to {@code administrator}. */
    private static final Set<String> ROLES_1_1 =
            Set.of("administrator", "aide", "guardian", "parent", "proctor", "relative", "student", "teacher");

    private OneRoster11Shapes() {}

    /** The 1.1 fields a collection's records may have beyond the 1.2 ones, for {@code fields=}. */
    static Set<String> extraFields(String collection) {
        return collection.equals("users") ? Set.of("role", "orgs") : Set.of();
    }

    static ObjectNode reshape(ObjectNode record) {
        boolean user = record.get("roles") instanceof ArrayNode;
        boolean any = user;
        for (String field : ADDED_IN_1_2) {
            any |= record.has(field);
        }
        if (!any) {
            return record;
        }
        ObjectNode shaped = JsonNodeFactory.instance.objectNode();
        for (var property : record.properties()) {
            String name = property.getKey();
            if (ADDED_IN_1_2.contains(name)) {
                continue;
            }
            if (user && name.equals("roles")) {
                shaped.put("role", role(record));
                shaped.set("orgs", orgs(property.getValue()));
            } else {
                shaped.set(name, property.getValue());
            }
        }
        return shaped;
    }

    /** The role in the primary org, else the first primary role, else the first role. */
    private static String role(ObjectNode user) {
        String primaryOrg = user.path("primaryOrg").path("sourcedId").asString("");
        JsonNode chosen = null;
        for (JsonNode role : user.path("roles")) {
            boolean primary = "primary".equals(role.path("roleType").asString());
            if (primary && primaryOrg.equals(role.path("org").path("sourcedId").asString())) {
                chosen = role;
                break;
            }
            if (chosen == null
                    || (primary && !"primary".equals(chosen.path("roleType").asString()))) {
                chosen = role;
            }
        }
        String name = chosen == null ? "" : chosen.path("role").asString("");
        return ROLES_1_1.contains(name) || name.startsWith("ext:") || name.isEmpty() ? name : "administrator";
    }

    private static ArrayNode orgs(JsonNode roles) {
        Set<String> seen = new LinkedHashSet<>();
        ArrayNode orgs = JsonNodeFactory.instance.arrayNode();
        for (JsonNode role : roles) {
            JsonNode org = role.path("org");
            if (org.isObject() && seen.add(org.path("sourcedId").asString())) {
                orgs.add(org);
            }
        }
        return orgs;
    }
}
