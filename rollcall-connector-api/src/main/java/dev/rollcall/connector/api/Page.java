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
 */
public record Page(
        List<SourceRecord> records,
        List<RecordError> errors,
        @Nullable Checkpoint next,
        boolean last,
        @Nullable Long totalCount) {

    public Page {
        records = List.copyOf(records);
        errors = List.copyOf(errors);
        if (!last && next == null) {
            throw new IllegalArgumentException("a page that is not the last needs a next checkpoint");
        }
    }

    public static Page last(List<SourceRecord> records, List<RecordError> errors) {
        return new Page(records, errors, null, true, null);
    }
}
