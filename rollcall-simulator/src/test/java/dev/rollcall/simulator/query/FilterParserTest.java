package dev.rollcall.simulator.query;

import static dev.rollcall.simulator.query.Fixtures.ENROLLMENT;
import static dev.rollcall.simulator.query.Fixtures.ENROLLMENT_FIELDS;
import static dev.rollcall.simulator.query.Fixtures.OTHER_ENROLLMENT;
import static dev.rollcall.simulator.query.Fixtures.USERS;
import static dev.rollcall.simulator.query.Fixtures.USER_FIELDS;
import static dev.rollcall.simulator.query.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rollcall.simulator.query.Filter.Bound;
import dev.rollcall.simulator.query.QueryException.Kind;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {

    private static Filter users(String expression) {
        return FilterParser.parse(expression, USER_FIELDS, true, Integer.MAX_VALUE);
    }

    private static List<String> matching(String expression) {
        Filter filter = users(expression);
        return Fixtures.ids(USERS.stream().filter(filter).toList());
    }

    private static QueryException rejected(String expression) {
        return rejected(expression, true, Integer.MAX_VALUE);
    }

    private static QueryException rejected(String expression, boolean allowInList, int maxPredicates) {
        try {
            FilterParser.parse(expression, USER_FIELDS, allowInList, maxPredicates);
        } catch (QueryException e) {
            return e;
        }
        throw new AssertionError("expected a QueryException for " + expression);
    }

    @Nested
    class Operators {

        @Test
        void equals() {
            assertThat(matching("givenName='Ana'")).containsExactly("usr-0000001");
        }

        @Test
        void equalsIsCaseSensitive() {
            assertThat(matching("familyName='diaz'")).containsExactly("usr-0000003");
        }

        @Test
        void notEquals() {
            assertThat(matching("givenName!='Ana'")).containsExactly("usr-0000002", "usr-0000003");
        }

        @Test
        void greaterAndLessOnStrings() {
            assertThat(matching("givenName>'Bob'")).containsExactly("usr-0000003");
            assertThat(matching("givenName>='Bob'")).containsExactly("usr-0000002", "usr-0000003");
            assertThat(matching("givenName<'Bob'")).containsExactly("usr-0000001");
            assertThat(matching("givenName<='Bob'")).containsExactly("usr-0000001", "usr-0000002");
        }

        @Test
        void containsIsCaseInsensitive() {
            assertThat(matching("familyName~'DIA'")).containsExactly("usr-0000001", "usr-0000003");
            assertThat(matching("email~'@EXAMPLE'")).containsExactly("usr-0000001", "usr-0000002");
        }

        @Test
        void inList() {
            assertThat(matching("givenName@'Ana,Bob'")).containsExactly("usr-0000001", "usr-0000002");
            assertThat(matching("sourcedId@'usr-0000003, usr-0000009'")).containsExactly("usr-0000003");
            assertThat(matching("givenName@'Zed'")).isEmpty();
        }

        @Test
        void inListDisallowedIsInvalidData() {
            QueryException e = rejected("givenName@'Ana,Bob'", false, Integer.MAX_VALUE);
            assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
            assertThat(e.codeMinor()).isEqualTo("invaliddata");
            assertThat(e.getMessage()).contains("'@'");
        }

        @Test
        void numbersCompareNumerically() {
            // As strings "10" < "9"; numerically 10 > 9.
            assertThat(matching("score>'9'")).containsExactly("usr-0000001", "usr-0000003");
            assertThat(matching("score='9.0'")).containsExactly("usr-0000002");
            assertThat(matching("score<'9.75'")).containsExactly("usr-0000002", "usr-0000003");
        }

        @Test
        void booleansCompareAsStrings() {
            // Ana has "true" (string), Bob true (JSON boolean), Mary "false".
            assertThat(matching("enabledUser='true'")).containsExactly("usr-0000001", "usr-0000002");
            assertThat(matching("enabledUser!='true'")).containsExactly("usr-0000003");
        }

        @Test
        void missingFieldNeverMatches() {
            // Mary has no email.
            assertThat(matching("email!='nobody@example.edu'")).containsExactly("usr-0000001", "usr-0000002");
            assertThat(matching("email<'zzz'")).doesNotContain("usr-0000003");
            assertThat(users("email~''").test(Fixtures.MARY)).isFalse();
        }

        @Test
        void nullFieldNeverMatches() {
            assertThat(users("email!='x'").test(json("{`sourcedId`:`u`,`email`:null}")))
                    .isFalse();
        }
    }

    @Nested
    class Timestamps {

        @Test
        void withAndWithoutMillisCompareAsInstants() {
            // Bob: 2025-01-01T00:00:00Z (no millis); the filter has millis.
            assertThat(matching("dateLastModified='2025-01-01T00:00:00.000Z'")).containsExactly("usr-0000002");
            // Ana: 2025-08-01T00:00:00.000Z; the filter has none.
            assertThat(matching("dateLastModified='2025-08-01T00:00:00Z'")).containsExactly("usr-0000001");
        }

        @Test
        void equalTimestampIncludedByGreaterOrEqualExcludedByGreater() {
            assertThat(matching("dateLastModified>='2025-08-01T00:00:00Z'")).containsExactly("usr-0000001");
            assertThat(matching("dateLastModified>'2025-08-01T00:00:00Z'")).isEmpty();
            assertThat(matching("dateLastModified<='2025-01-01T00:00:00.000Z'")).containsExactly("usr-0000002");
            assertThat(matching("dateLastModified<'2025-01-01T00:00:00.000Z'")).isEmpty();
        }

        @Test
        void offsetsAreNormalised() {
            // Mary: 2025-03-15T10:00:00+02:00 == 2025-03-15T08:00:00Z
            assertThat(matching("dateLastModified='2025-03-15T08:00:00Z'")).containsExactly("usr-0000003");
            assertThat(matching("dateLastModified>'2025-03-15T09:00:00Z'")).containsExactly("usr-0000001");
            // String comparison would put "2025-03-15T10..." after "2025-03-15T09...".
        }

        @Test
        void dateOnlyValueIsStartOfDayUtc() {
            assertThat(matching("dateLastModified>='2025-03-15'")).containsExactly("usr-0000001", "usr-0000003");
            assertThat(matching("dateLastModified>'2025-01-01'")).containsExactly("usr-0000001", "usr-0000003");
        }

        @Test
        void datesCompareAsDates() {
            Filter f = FilterParser.parse("birthDate<'2010-01-01'", java.util.Set.of("birthDate"), false, 1);
            assertThat(f.test(json("{`birthDate`:`2009-12-31`}"))).isTrue();
            assertThat(f.test(json("{`birthDate`:`2010-01-01`}"))).isFalse();
        }

        @Test
        void urlDecodedQueryStringForm() {
            String raw = "dateLastModified%3E%272025-01-01T00%3A00%3A00Z%27";
            String decoded = URLDecoder.decode(raw, StandardCharsets.UTF_8);
            assertThat(decoded).isEqualTo("dateLastModified>'2025-01-01T00:00:00Z'");
            assertThat(matching(decoded)).containsExactly("usr-0000001", "usr-0000003");

            String plus = URLDecoder.decode("status%3D%27active%27+AND+givenName%7E%27an%27", StandardCharsets.UTF_8);
            assertThat(matching(plus)).containsExactly("usr-0000001");

            String encodedPlusSign = URLDecoder.decode(
                    "dateLastModified%3E%3D%272025-03-15T10%3A00%3A00%2B02%3A00%27", StandardCharsets.UTF_8);
            assertThat(matching(encodedPlusSign)).containsExactly("usr-0000001", "usr-0000003");
        }
    }

    @Nested
    class Combinations {

        @Test
        void and() {
            assertThat(matching("status='active' AND givenName='Bob'")).containsExactly("usr-0000002");
            assertThat(matching("status='active' AND givenName='Mary Ann'")).isEmpty();
        }

        @Test
        void or() {
            assertThat(matching("givenName='Bob' OR givenName='Mary Ann'"))
                    .containsExactly("usr-0000002", "usr-0000003");
        }

        @Test
        void keywordsAreCaseInsensitiveAndWhitespaceTolerated() {
            assertThat(matching("  status = 'active'   and   givenName  =  'Bob'  "))
                    .containsExactly("usr-0000002");
            assertThat(matching("givenName='Bob'Or givenName='Ana'")).containsExactly("usr-0000001", "usr-0000002");
            assertThat(matching("givenName='Bob'\tOR\ngivenName='Ana'")).containsExactly("usr-0000001", "usr-0000002");
        }

        @Test
        void andBindsTighterThanOr() {
            // (givenName='Ana') OR (givenName='Bob' AND status='tobedeleted') → only Ana
            assertThat(matching("givenName='Ana' OR givenName='Bob' AND status='tobedeleted'"))
                    .containsExactly("usr-0000001");
            // (status='tobedeleted' AND givenName='Bob') OR givenName='Ana' → only Ana
            assertThat(matching("status='tobedeleted' AND givenName='Bob' OR givenName='Ana'"))
                    .containsExactly("usr-0000001");
            // Ana OR (active AND student); left-to-right would give (Ana OR active) AND student = Bob only.
            assertThat(matching("givenName='Ana' OR status='active' AND role='student'"))
                    .containsExactly("usr-0000001", "usr-0000002");
        }

        @Test
        void maxPredicatesIsEnforced() {
            assertThat(FilterParser.parse("givenName='Ana' AND status='active'", USER_FIELDS, false, 2)
                            .test(Fixtures.ANA))
                    .isTrue();
            QueryException e = rejected("givenName='Ana' AND status='active' OR role='student'", false, 2);
            assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
            assertThat(e.getMessage()).contains("at most 2");
            assertThat(rejected("givenName='Ana' AND status='active'", false, 1).kind())
                    .isEqualTo(Kind.INVALID_DATA);
        }

        @Test
        void manyPredicatesWhenUnlimited() {
            assertThat(matching("status='active' AND role='teacher' AND grades='10' AND score>'1' AND email~'ana'"))
                    .containsExactly("usr-0000001");
        }
    }

    @Nested
    class QuotedValues {

        @Test
        void valueWithSpaces() {
            assertThat(matching("givenName='Mary Ann'")).containsExactly("usr-0000003");
        }

        @Test
        void doubledQuoteInValue() {
            assertThat(matching("familyName='O''Neil'")).containsExactly("usr-0000002");
            assertThat(matching("familyName~''''")).containsExactly("usr-0000002");
        }

        @Test
        void operatorsAndKeywordsInsideValuesAreLiteral() {
            Filter f = users("givenName='a AND b=''c'' OR d>='");
            assertThat(f.test(json("{`givenName`:`a AND b='c' OR d>=`}"))).isTrue();
        }

        @Test
        void emptyValue() {
            assertThat(users("email=''").test(json("{`email`:``}"))).isTrue();
            assertThat(users("email=''").test(Fixtures.ANA)).isFalse();
        }
    }

    @Nested
    class Paths {

        @Test
        void roleVirtualFieldReadsRoles() {
            assertThat(matching("role='teacher'")).containsExactly("usr-0000001");
            assertThat(matching("role='student'")).containsExactly("usr-0000002", "usr-0000003");
            assertThat(matching("role='administrator'")).containsExactly("usr-0000001");
        }

        @Test
        void topLevelRoleWinsOverRoles() {
            Filter f = FilterParser.parse("role='student'", ENROLLMENT_FIELDS, false, 2);
            assertThat(f.test(ENROLLMENT)).isTrue();
            assertThat(f.test(OTHER_ENROLLMENT)).isFalse();
        }

        @Test
        void arrayFanOut() {
            assertThat(matching("grades='09'")).containsExactly("usr-0000001", "usr-0000002");
            assertThat(matching("roles.role='administrator'")).containsExactly("usr-0000001");
            assertThat(matching("roles.org.sourcedId='org-00002'")).containsExactly("usr-0000001", "usr-0000002");
            // ANY semantics: Ana has a non-teacher role too.
            assertThat(matching("role!='teacher'")).containsExactly("usr-0000001", "usr-0000002", "usr-0000003");
        }

        @Test
        void nestedReference() {
            Filter f = FilterParser.parse("class.sourcedId='cls-000001'", ENROLLMENT_FIELDS, false, 2);
            assertThat(f.test(ENROLLMENT)).isTrue();
            assertThat(f.test(OTHER_ENROLLMENT)).isFalse();
            Filter both = FilterParser.parse(
                    "school.sourcedId='org-00002' AND user.sourcedId='usr-0000001'", ENROLLMENT_FIELDS, false, 2);
            assertThat(both.test(ENROLLMENT)).isFalse();
            assertThat(both.test(OTHER_ENROLLMENT)).isTrue();
        }

        @Test
        void referenceObjectComparesAsItsSourcedId() {
            Filter f = FilterParser.parse("class='cls-000001'", ENROLLMENT_FIELDS, false, 2);
            assertThat(f.test(ENROLLMENT)).isTrue();
            assertThat(f.test(OTHER_ENROLLMENT)).isFalse();
        }

        @Test
        void missingIntermediateNeverMatches() {
            Filter f = FilterParser.parse("class.sourcedId!='x'", ENROLLMENT_FIELDS, false, 2);
            assertThat(f.test(json("{`sourcedId`:`e`}"))).isFalse();
            assertThat(f.test(json("{`class`:`flat`}"))).isFalse();
        }
    }

    @Nested
    class Errors {

        @Test
        void unknownField() {
            QueryException e = rejected("nickname='Al'");
            assertThat(e.kind()).isEqualTo(Kind.INVALID_FILTER_FIELD);
            assertThat(e.codeMinor()).isEqualTo("invalid_filter_field");
            assertThat(e.getMessage()).contains("nickname");
        }

        @Test
        void unknownFirstSegmentOfDottedField() {
            QueryException e = rejected("course.sourcedId='c'");
            assertThat(e.kind()).isEqualTo(Kind.INVALID_FILTER_FIELD);
            assertThat(e.getMessage()).contains("course");
        }

        @Test
        void unknownFieldInSecondPredicate() {
            assertThat(rejected("givenName='Ana' OR nickname='Al'").kind()).isEqualTo(Kind.INVALID_FILTER_FIELD);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "   ",
                    "givenName",
                    "givenName=",
                    "givenName='Ana",
                    "givenName='Ana''",
                    "givenName=Ana",
                    "givenName=\"Ana\"",
                    "givenName=='Ana'",
                    "givenName<>'Ana'",
                    "givenName^'Ana'",
                    "='Ana'",
                    "'Ana'",
                    "givenName='Ana' AND",
                    "givenName='Ana' AND ",
                    "givenName='Ana' XOR status='active'",
                    "givenName='Ana' status='active'",
                    "givenName='Ana' &&status='active'",
                    "(givenName='Ana')",
                    "given..Name='Ana'",
                    ".givenName='Ana'",
                    "givenName='Ana' ANDstatus='active'"
                })
        void malformedIsInvalidData(String expression) {
            QueryException e = rejected(expression);
            assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA);
            assertThat(e.codeMinor()).isEqualTo("invaliddata");
        }

        @Test
        void nullIsInvalidData() {
            assertThatThrownBy(() -> FilterParser.parse(null, USER_FIELDS, true, 2))
                    .isInstanceOfSatisfying(
                            QueryException.class, e -> assertThat(e.kind()).isEqualTo(Kind.INVALID_DATA));
        }

        @Test
        void messagesNameTheOffendingPart() {
            assertThat(rejected("givenName='Ana").getMessage())
                    .contains("unbalanced quote")
                    .contains("givenName");
            assertThat(rejected("givenName=='Ana'").getMessage()).contains("'=='");
            assertThat(rejected("givenName 'Ana'").getMessage())
                    .contains("missing operator")
                    .contains("givenName");
            assertThat(rejected("givenName='Ana' XOR status='active'").getMessage())
                    .contains("XOR");
            assertThat(rejected("givenName=Ana").getMessage()).contains("single quotes");
            assertThat(rejected("").getMessage()).contains("empty");
        }

        @Test
        void maxPredicatesMustBePositive() {
            assertThatThrownBy(() -> FilterParser.parse("givenName='Ana'", USER_FIELDS, true, 0))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class LowerBound {

        private Optional<Bound> bound(String expression) {
            return users(expression).lowerBoundOnDateLastModified();
        }

        @Test
        void greaterThanIsExclusive() {
            assertThat(bound("dateLastModified>'2025-01-01T00:00:00Z'"))
                    .contains(new Bound(Instant.parse("2025-01-01T00:00:00Z"), false));
        }

        @Test
        void greaterOrEqualIsInclusive() {
            assertThat(bound("dateLastModified >= '2025-01-01T00:00:00.000Z'"))
                    .contains(new Bound(Instant.parse("2025-01-01T00:00:00Z"), true));
        }

        @Test
        void offsetIsNormalised() {
            assertThat(bound("dateLastModified>='2025-03-15T10:00:00+02:00'"))
                    .contains(new Bound(Instant.parse("2025-03-15T08:00:00Z"), true));
        }

        @Test
        void andCombination() {
            assertThat(bound("status='active' AND dateLastModified>'2025-01-01T00:00:00Z'"))
                    .contains(new Bound(Instant.parse("2025-01-01T00:00:00Z"), false));
            assertThat(bound("dateLastModified>='2025-01-01T00:00:00Z' AND role='student'"))
                    .contains(new Bound(Instant.parse("2025-01-01T00:00:00Z"), true));
        }

        @Test
        void tightestOfSeveral() {
            assertThat(bound("dateLastModified>='2025-01-01T00:00:00Z' AND dateLastModified>'2025-02-01T00:00:00Z'"))
                    .contains(new Bound(Instant.parse("2025-02-01T00:00:00Z"), false));
            assertThat(bound("dateLastModified>='2025-02-01T00:00:00Z' AND dateLastModified>'2025-02-01T00:00:00Z'"))
                    .contains(new Bound(Instant.parse("2025-02-01T00:00:00Z"), false));
        }

        @Test
        void emptyForOr() {
            assertThat(bound("dateLastModified>'2025-01-01T00:00:00Z' OR status='active'"))
                    .isEmpty();
            assertThat(bound("dateLastModified>'2025-01-01T00:00:00Z' OR dateLastModified>'2025-02-01T00:00:00Z'"))
                    .isEmpty();
        }

        @Test
        void emptyForOtherFieldsAndOperators() {
            assertThat(bound("status='active'")).isEmpty();
            assertThat(bound("dateLastModified<'2025-01-01T00:00:00Z'")).isEmpty();
            assertThat(bound("dateLastModified='2025-01-01T00:00:00Z'")).isEmpty();
            assertThat(bound("dateLastModified~'2025'")).isEmpty();
            assertThat(bound("dateLastModified>'yesterday'")).isEmpty();
            assertThat(FilterParser.parse("lastSeen>'2025-01-01T00:00:00Z'", java.util.Set.of("lastSeen"), false, 2)
                            .lowerBoundOnDateLastModified())
                    .isEmpty();
        }

        @Test
        void boundAgreesWithEvaluation() {
            Filter f = users("dateLastModified>'2025-01-01T00:00:00Z'");
            Bound b = f.lowerBoundOnDateLastModified().orElseThrow();
            for (var user : USERS) {
                Instant modified = OffsetDateTime.parse(
                                user.get("dateLastModified").stringValue())
                        .toInstant();
                boolean afterBound = b.inclusive() ? !modified.isBefore(b.instant()) : modified.isAfter(b.instant());
                assertThat(f.test(user)).as(user.get("sourcedId").stringValue()).isEqualTo(afterBound);
            }
        }
    }

    @Test
    void toStringIsTheNormalisedExpression() {
        assertThat(users("givenName = 'O''Neil'  and status='active' or role='teacher'"))
                .hasToString("givenName='O''Neil' AND status='active' OR role='teacher'");
    }
}
