package dev.rollcall.simulator.query;

import static dev.rollcall.simulator.query.Fixtures.ANA;
import static dev.rollcall.simulator.query.Fixtures.MARY;
import static dev.rollcall.simulator.query.Fixtures.USER_FIELDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.simulator.query.QueryException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class FieldSelectionTest {

    @Test
    void parsesList() {
        assertThat(FieldSelection.parse("sourcedId,givenName,email", USER_FIELDS))
                .containsExactly("sourcedId", "givenName", "email");
    }

    @Test
    void toleratesWhitespaceEmptyItemsAndDuplicates() {
        assertThat(FieldSelection.parse(" givenName , ,sourcedId,givenName,", USER_FIELDS))
                .containsExactly("givenName", "sourcedId");
    }

    @Test
    void blankOrNullMeansAllFields() {
        assertThat(FieldSelection.parse(null, USER_FIELDS)).isNull();
        assertThat(FieldSelection.parse("", USER_FIELDS)).isNull();
        assertThat(FieldSelection.parse("   ", USER_FIELDS)).isNull();
        assertThat(FieldSelection.parse(",", USER_FIELDS)).isNull();
    }

    @Test
    void unknownFieldIsInvalidSelectionField() {
        assertThatThrownBy(() -> FieldSelection.parse("sourcedId,nickname", USER_FIELDS))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_SELECTION_FIELD);
                    assertThat(e.codeMinor()).isEqualTo("invalid_selection_field");
                    assertThat(e.getMessage()).contains("'nickname'");
                });
    }

    @Test
    void dottedFieldsAreNotSelectable() {
        assertThatThrownBy(() -> FieldSelection.parse("roles.role", USER_FIELDS))
                .isInstanceOfSatisfying(
                        QueryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_SELECTION_FIELD));
    }

    @Test
    void projectKeepsRecordOrder() {
        ObjectNode projected = FieldSelection.project(ANA, List.of("email", "sourcedId", "roles"));
        assertThat(projected.propertyNames()).containsExactly("sourcedId", "email", "roles");
        assertThat(projected.get("email").stringValue()).isEqualTo("ana.diaz@example.edu");
        assertThat(projected.get("roles")).isEqualTo(ANA.get("roles"));
    }

    @Test
    void projectIsANewNodeAndLeavesTheRecordAlone() {
        ObjectNode projected = FieldSelection.project(ANA, List.of("sourcedId", "roles"));
        assertThat(projected).isNotSameAs(ANA);
        ((ObjectNode) projected.get("roles").get(0)).put("role", "changed");
        assertThat(ANA.get("roles").get(0).get("role").stringValue()).isEqualTo("teacher");
        assertThat(ANA.has("givenName")).isTrue();
    }

    @Test
    void projectSkipsFieldsTheRecordLacks() {
        ObjectNode projected = FieldSelection.project(MARY, List.of("sourcedId", "email"));
        assertThat(projected.propertyNames()).containsExactly("sourcedId");
    }

    @Test
    void projectWithNullIsTheRecord() {
        assertThat(FieldSelection.project(ANA, null)).isSameAs(ANA);
    }
}
