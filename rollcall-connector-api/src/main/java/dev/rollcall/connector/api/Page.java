package dev.rollcall.connector.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a stream.
 *
 * @param records the records read, in upstream order
 * @param errors records that could not be read; they do not stop the run
 * @param next the checkpoint to resume after this page; null when {@code last}
 * @param last true when the stream has no more pages
 * @param totalCount the upstream's total for the whole read, when it says (for progress only)
 * @param unchanged records the connector did not read in full because the request's {@link
 *     KnownRecords} says the store holds them exactly as the upstream sent them
 */
public record Page(
        List<SourceRecord> records,
        List<RecordError> errors,
        @Nullable Checkpoint next,
        boolean last,
        @Nullable Long totalCount,
        List<UnchangedRecord> unchanged) {

    public Page {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
        unchanged = List.copyOf(unchanged);
        if (!last && next == null) {
            throw new IllegalArgumentException("a page that is not the last needs a next checkpoint");
        }
    }

    /** A page whose every record was read in full. */
    public Page(
            List<SourceRecord> records,
            List<RecordError> errors,
            @Nullable Checkpoint next,
            boolean last,
            @Nullable Long totalCount) {
        this(records, errors, next, last, totalCount, List.of());
    }

    public static Page last(List<SourceRecord> records, List<RecordError> errors) {
        return new Page(records, errors, null, true, null);
    }
}
