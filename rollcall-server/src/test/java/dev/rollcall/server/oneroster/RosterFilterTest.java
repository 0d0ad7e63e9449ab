package dev.rollcall.server.oneroster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The filter grammar's translation to SQL; values only ever as parameters. */
class RosterFilterTest {

    @Test
    void columnsAreComparedOnTheirColumns() {
        UUID id = UUID.randomUUID();
        RosterFilter.Sql sql = RosterFilter.translate(
                "sourcedId='" + id + "' AND dateLastModified>'2024-01-01T00:00:00Z' OR status~'ACT'",
                RosterCollection.USERS);
        assertThat(sql.condition())
                .isEqualTo("((r.id = ? and r.date_last_modified > ?) or strpos(lower(r.status), ?) > 0)");
        assertThat(sql.parameters()).containsExactly(id, Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")), "act");
    }

    @Test
    void recordFieldsUseASqlJsonPathWithTheValueAsAVariable() {
        RosterFilter.Sql sql = RosterFilter.translate("givenName='O\"Brien'' x'", RosterCollection.USERS);
        assertThat(sql.condition()).isEqualTo("jsonb_path_exists(r.record, cast(? as jsonpath), cast(? as jsonb))");
        assertThat(sql.parameters())
                .containsExactly(
                        "$.\"givenName\" ? (@ != null && (@ == $s || @.sourcedId == $s))", "{\"s\":\"O\\\"Brien' x\"}");
    }

    @Test
    void roleIsShorthandForRolesRoleAndNumbersAlsoMatchJsonNumbers() {
        assertThat(RosterFilter.translate("role='student'", RosterCollection.USERS)
                        .parameters()
                        .getFirst())
                .isEqualTo("$.\"roles\".\"role\" ? (@ != null && (@ == $s || @.sourcedId == $s))");
        RosterFilter.Sql number = RosterFilter.translate("metadata.level>='10'", RosterCollection.USERS);
        assertThat(number.parameters())
                .containsExactly(
                        "$.\"metadata\".\"level\" ? (@ != null && (@ >= $s || @.sourcedId >= $s || @ >= $n))",
                        "{\"s\":\"10\",\"n\":10}");
        assertThat(RosterFilter.translate("grades='03'", RosterCollection.COURSES)
                        .parameters()
                        .get(1))
                .isEqualTo("{\"s\":\"03\"}");
    }

    @Test
    void containsIsACaseInsensitiveLiteralMatch() {
        assertThat(RosterFilter.translate("familyName~'a.b*'", RosterCollection.USERS)
                        .parameters()
                        .getFirst())
                .isEqualTo("$.\"familyName\" ? (@ != null && (@ like_regex \"a.b*\" flag \"iq\""
                        + " || @.sourcedId like_regex \"a.b*\" flag \"iq\"))");
    }

    @Test
    void unknownFieldsAndBadSyntaxAreNamed() {
        assertThatThrownBy(() -> RosterFilter.translate("shoeSize='9'", RosterCollection.USERS))
                .isInstanceOfSatisfying(OneRosterException.class, e -> {
                    assertThat(e.codeMinor()).isEqualTo("invalid_filter_field");
                    assertThat(e.getMessage()).contains("shoeSize");
                });
        for (String bad : new String[] {
            "givenName",
            "givenName=Ada",
            "givenName='Ada",
            "givenName='A' XOR x='b'",
            "givenName='A' AND",
            "givenName=='A'",
            "dateLastModified~'2024'",
            "a..b='x'"
        }) {
            assertThatThrownBy(() -> RosterFilter.translate(bad, RosterCollection.USERS))
                    .as(bad)
                    .isInstanceOfSatisfying(OneRosterException.class, e -> assertThat(e.codeMinor())
                            .isIn("invaliddata", "invalid_filter_field"));
        }
        assertThatThrownBy(() -> RosterFilter.translate("  ", RosterCollection.USERS))
                .hasMessageContaining("empty");
    }

    @Test
    void aNonUuidSourcedIdMatchesNothingRatherThanFailing() {
        assertThat(RosterFilter.translate("sourcedId='abc'", RosterCollection.ORGS)
                        .condition())
                .isEqualTo("false");
        assertThat(RosterFilter.translate("sourcedId!='abc'", RosterCollection.ORGS)
                        .condition())
                .isEqualTo("true");
    }
}
