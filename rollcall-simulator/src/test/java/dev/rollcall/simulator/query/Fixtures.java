package dev.rollcall.simulator.query;

import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Small OneRoster 1.2 records for the query tests. */
final class Fixtures {

    private Fixtures() {}

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final Set<String> USER_FIELDS = Set.of(
            "sourcedId",
            "status",
            "dateLastModified",
            "enabledUser",
            "givenName",
            "familyName",
            "email",
            "roles",
            "grades",
            "score",
            "role");

    static final Set<String> ENROLLMENT_FIELDS =
            Set.of("sourcedId", "status", "dateLastModified", "user", "class", "school", "role", "primary");

    static ObjectNode json(String text) {
        return (ObjectNode) JSON.readTree(text.replace('`', '"'));
    }

    static final ObjectNode ANA = json("""
            {`sourcedId`:`usr-0000001`,`status`:`active`,`dateLastModified`:`2025-08-01T00:00:00.000Z`,
             `enabledUser`:`true`,`givenName`:`Ana`,`familyName`:`Diaz`,`email`:`ana.diaz@example.edu`,
             `roles`:[{`roleType`:`primary`,`role`:`teacher`,
                       `org`:{`href`:`/orgs/org-00002`,`sourcedId`:`org-00002`,`type`:`org`}},
                      {`roleType`:`secondary`,`role`:`administrator`,
                       `org`:{`href`:`/orgs/org-00003`,`sourcedId`:`org-00003`,`type`:`org`}}],
             `grades`:[`09`,`10`],`score`:10}
            """);

    static final ObjectNode BOB = json("""
            {`sourcedId`:`usr-0000002`,`status`:`active`,`dateLastModified`:`2025-01-01T00:00:00Z`,
             `enabledUser`:true,`givenName`:`Bob`,`familyName`:`O'Neil`,`email`:`bob@example.edu`,
             `roles`:[{`roleType`:`primary`,`role`:`student`,
                       `org`:{`href`:`/orgs/org-00002`,`sourcedId`:`org-00002`,`type`:`org`}}],
             `grades`:[`09`],`score`:9}
            """);

    static final ObjectNode MARY = json("""
            {`sourcedId`:`usr-0000003`,`status`:`tobedeleted`,`dateLastModified`:`2025-03-15T10:00:00+02:00`,
             `enabledUser`:`false`,`givenName`:`Mary Ann`,`familyName`:`diaz`,
             `roles`:[{`roleType`:`primary`,`role`:`student`,
                       `org`:{`href`:`/orgs/org-00004`,`sourcedId`:`org-00004`,`type`:`org`}}],
             `grades`:[`11`],`score`:9.5}
            """);

    static final List<ObjectNode> USERS = List.of(ANA, BOB, MARY);

    static final ObjectNode ENROLLMENT = json("""
            {`sourcedId`:`enr-0000001`,`status`:`active`,`dateLastModified`:`2025-08-01T00:00:00.000Z`,
             `user`:{`href`:`/users/usr-0000002`,`sourcedId`:`usr-0000002`,`type`:`user`},
             `class`:{`href`:`/classes/cls-000001`,`sourcedId`:`cls-000001`,`type`:`class`},
             `school`:{`href`:`/orgs/org-00002`,`sourcedId`:`org-00002`,`type`:`org`},
             `role`:`student`,`primary`:`false`}
            """);

    static final ObjectNode OTHER_ENROLLMENT = json("""
            {`sourcedId`:`enr-0000002`,`status`:`active`,`dateLastModified`:`2025-08-01T00:00:00.000Z`,
             `user`:{`href`:`/users/usr-0000001`,`sourcedId`:`usr-0000001`,`type`:`user`},
             `class`:{`href`:`/classes/cls-000002`,`sourcedId`:`cls-000002`,`type`:`class`},
             `school`:{`href`:`/orgs/org-00002`,`sourcedId`:`org-00002`,`type`:`org`},
             `role`:`teacher`,`primary`:`true`}
            """);

    static List<String> ids(List<? extends JsonNode> records) {
        return records.stream().map(r -> r.get("sourcedId").stringValue()).toList();
    }
}
