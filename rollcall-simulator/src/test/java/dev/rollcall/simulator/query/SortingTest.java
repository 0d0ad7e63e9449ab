package dev.rollcall.simulator.query;

import static dev.rollcall.simulator.query.Fixtures.ANA;
import static dev.rollcall.simulator.query.Fixtures.BOB;
import static dev.rollcall.simulator.query.Fixtures.MARY;
import static dev.rollcall.simulator.query.Fixtures.USER_FIELDS;
import static dev.rollcall.simulator.query.Fixtures.ids;
import static dev.rollcall.simulator.query.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.simulator.query.QueryException.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class SortingTest {

    private static List<String> sorted(List<ObjectNode> records, String field, String orderBy) {
        return ids(records.stream()
                .sorted(Sorting.comparator(field, orderBy, USER_FIELDS))
                .toList());
    }

    @Test
    void ascendingByDefault() {
        assertThat(sorted(List.of(MARY, ANA, BOB), "givenName", null))
                .containsExactly("usr-0000001", "usr-0000002", "usr-0000003");
        assertThat(sorted(List.of(MARY, ANA, BOB), "givenName", "asc"))
                .containsExactly("usr-0000001", "usr-0000002", "usr-0000003");
        assertThat(sorted(List.of(MARY, ANA, BOB), "givenName", "  "))
                .containsExactly("usr-0000001", "usr-0000002", "usr-0000003");
    }

    @Test
    void descending() {
        assertThat(sorted(List.of(ANA, MARY, BOB), "givenName", "desc"))
                .containsExactly("usr-0000003", "usr-0000002", "usr-0000001");
        assertThat(sorted(List.of(ANA, MARY, BOB), "givenName", "DESC"))
                .containsExactly("usr-0000003", "usr-0000002", "usr-0000001");
    }

    @Test
    void timestampsSortAsInstants() {
        // Mary's +02:00 offset: 08:00Z on 2025-03-15; Bob 2025-01-01 without millis.
        assertThat(sorted(List.of(ANA, MARY, BOB), "dateLastModified", "asc"))
                .containsExactly("usr-0000002", "usr-0000003", "usr-0000001");
        ObjectNode early = json("{`sourcedId`:`a`,`dateLastModified`:`2025-03-15T09:00:00+02:00`}");
        ObjectNode late = json("{`sourcedId`:`b`,`dateLastModified`:`2025-03-15T08:30:00Z`}");
        assertThat(sorted(List.of(late, early), "dateLastModified", "asc")).containsExactly("a", "b");
    }

    @Test
    void numbersSortNumerically() {
        assertThat(sorted(List.of(ANA, MARY, BOB), "score", "asc"))
                .containsExactly("usr-0000002", "usr-0000003", "usr-0000001");
    }

    @Test
    void tiesBrokenBySourcedIdAscendingInBothDirections() {
        ObjectNode c = json("{`sourcedId`:`c`,`status`:`active`}");
        ObjectNode a = json("{`sourcedId`:`a`,`status`:`active`}");
        ObjectNode b = json("{`sourcedId`:`b`,`status`:`tobedeleted`}");
        assertThat(sorted(List.of(c, b, a), "status", "asc")).containsExactly("a", "c", "b");
        assertThat(sorted(List.of(c, b, a), "status", "desc")).containsExactly("b", "a", "c");
    }

    @Test
    void missingValuesSortLast() {
        ObjectNode none = json("{`sourcedId`:`usr-0000000`}");
        assertThat(sorted(List.of(none, ANA, BOB), "email", "asc"))
                .containsExactly("usr-0000001", "usr-0000002", "usr-0000000");
        assertThat(sorted(List.of(none, ANA, BOB), "email", "desc"))
                .containsExactly("usr-0000002", "usr-0000001", "usr-0000000");
    }

    @Test
    void dottedAndVirtualFields() {
        assertThat(sorted(List.of(ANA, MARY, BOB), "role", "asc"))
                .containsExactly("usr-0000002", "usr-0000003", "usr-0000001");
        assertThat(sorted(List.of(MARY, BOB, ANA), "roles.org.sourcedId", "desc"))
                .containsExactly("usr-0000003", "usr-0000001", "usr-0000002");
    }

    @Test
    void noFieldSortsBySourcedId() {
        assertThat(sorted(List.of(MARY, ANA, BOB), null, null))
                .containsExactly("usr-0000001", "usr-0000002", "usr-0000003");
        assertThat(sorted(List.of(MARY, ANA, BOB), "", "desc"))
                .containsExactly("usr-0000003", "usr-0000002", "usr-0000001");
    }

    @Test
    void unknownFieldIsInvalidSelectionField() {
        assertThatThrownBy(() -> Sorting.comparator("nickname", "asc", USER_FIELDS))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_SELECTION_FIELD);
                    assertThat(e.codeMinor()).isEqualTo("invalid_selection_field");
                    assertThat(e.getMessage()).contains("nickname");
                });
    }

    @Test
    void badOrderByIsInvalidData() {
        assertThatThrownBy(() -> Sorting.comparator("givenName", "up", USER_FIELDS))
                .isInstanceOfSatisfying(QueryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
                    assertThat(e.getMessage()).contains("up");
                });
    }

    @Test
    void sourcedIdAscendingIsRecognisedAsTheStoredOrder() {
        assertThat(Sorting.isSourcedIdAscending("sourcedId", null)).isTrue();
        assertThat(Sorting.isSourcedIdAscending(" sourcedId ", "ASC")).isTrue();
        assertThat(Sorting.isSourcedIdAscending("", "asc")).isTrue();
        assertThat(Sorting.isSourcedIdAscending(null, " ")).isTrue();
        assertThat(Sorting.isSourcedIdAscending("sourcedId", "desc")).isFalse();
        assertThat(Sorting.isSourcedIdAscending("givenName", null)).isFalse();
        assertThat(Sorting.isSourcedIdAscending("sourcedId", "sideways")).isFalse();
    }

    @Test
    void mixedTypesStillTotallyOrdered() {
        List<ObjectNode> mixed = List.of(
                json("{`sourcedId`:`s`,`score`:`abc`}"),
                json("{`sourcedId`:`n10`,`score`:10}"),
                json("{`sourcedId`:`t`,`score`:`2025-01-01T00:00:00Z`}"),
                json("{`sourcedId`:`n9`,`score`:`9`}"));
        assertThat(sorted(mixed, "score", "asc")).containsExactly("t", "n9", "n10", "s");
        assertThat(sorted(mixed, "score", "desc")).containsExactly("s", "n10", "n9", "t");
    }
}
