package dev.rollcall.simulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.simulator.query.QueryException.Kind;
import org.junit.jupiter.api.Test;

class QueryExceptionTest {

    @Test
    void codeMinorPerKind() {
        assertThat(new QueryException(Kind.INVALID_FILTER_FIELD, "m").codeMinor())
                .isEqualTo("invalid_filter_field");
        assertThat(new QueryException(Kind.INVALID_SELECTION_FIELD, "m").codeMinor())
                .isEqualTo("invalid_selection_field");
        QueryException e = new QueryException(Kind.INVALID_DATA, "bad");
        assertThat(e.codeMinor()).isEqualTo("invaliddata");
        assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
        assertThat(e).hasMessage("bad");
    }
}
