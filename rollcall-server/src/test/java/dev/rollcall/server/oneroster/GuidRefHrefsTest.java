package dev.rollcall.server.oneroster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GuidRefHrefsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BASE = "/ims/oneroster/rostering/v1p2";

    @Test
    void everyServedReferenceGetsItsHrefWhereverItIs() {
        String stored = """
                {"org": {"type": "org", "sourcedId": "0193-a"}, "roles": [{"org": {"type": "org", "sourcedId": "s-1"}, \
                "role": "student"}], "agents": [{"type": "user", "sourcedId": "u-1"}, {"type": "user", "sourcedId": "u-2"}], \
                "name": "x", "terms": [{"type": "term", "sourcedId": "t_1"}], "course": {"type": "course", "sourcedId": "c~1"}}""";

        JsonNode served = JSON.readTree(GuidRefHrefs.add(stored));

        assertThat(served.get("org").get("href").asString()).isEqualTo(BASE + "/orgs/0193-a");
        assertThat(served.get("roles").get(0).get("org").get("href").asString()).isEqualTo(BASE + "/orgs/s-1");
        assertThat(served.get("agents").findValuesAsString("href"))
                .containsExactly(BASE + "/users/u-1", BASE + "/users/u-2");
        assertThat(served.get("terms").get(0).get("href").asString()).isEqualTo(BASE + "/terms/t_1");
        assertThat(served.get("course").get("href").asString()).isEqualTo(BASE + "/courses/c~1");
        assertThat(served.get("course").get("sourcedId").asString()).isEqualTo("c~1");
        assertThat(served.get("course").get("type").asString()).isEqualTo("course");
        assertThat(served.get("name").asString()).isEqualTo("x");
    }

    @Test
    void referencesItCannotServeOrThatAreNotBareAreLeftAlone() {
        String[] untouched = {
            "{\"resources\": [{\"type\": \"resource\", \"sourcedId\": \"r-1\"}]}",
            "{\"org\": {\"href\": \"https://up/orgs/1\", \"type\": \"org\", \"sourcedId\": \"1\"}}",
            "{\"org\": {\"type\": \"org\", \"sourcedId\": \"a b\"}}",
            "{\"org\": {\"type\": \"org\", \"sourcedId\": \"a\\\"b\"}}",
            "{\"org\": {\"type\": \"org\", \"sourcedId\": \"a\", \"extra\": 1}}",
            "{\"note\": \"{\\\"type\\\": \\\"org\\\", \\\"sourcedId\\\": \\\"1\\\"}\"}",
            "{\"name\": \"plain\"}",
            "{\"org\": {\"type\": \"org"
        };
        for (String document : untouched) {
            assertThat(GuidRefHrefs.add(document)).as(document).isSameAs(document);
        }
    }

    @Test
    void aDistrictIsServedAsAnOrgAndASchoolAtItsSchoolsPath() {
        assertThat(GuidRefHrefs.add("{\"parent\": {\"type\": \"district\", \"sourcedId\": \"d\"}}"))
                .isEqualTo("{\"parent\": {\"href\": \"" + BASE
                        + "/orgs/d\", \"type\": \"district\", \"sourcedId\": \"d\"}}");
        assertThat(GuidRefHrefs.add("{\"school\": {\"type\": \"school\", \"sourcedId\": \"s\"}}"))
                .contains("\"href\": \"" + BASE + "/schools/s\"");
    }
}
