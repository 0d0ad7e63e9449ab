package dev.rollcall.connector.testkit;

import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.json.CanonicalJson;
import dev.rollcall.connector.api.json.Checksum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an upstream holds, per stream: each record's external id and the checksum of its canonical
 * form. A connector's read is compared with it record by record, so a missing, extra or altered
 * record is named in the failure.
 */
public record ExpectedDataset(Map<String, Map<String, Checksum>> streams) {

    public ExpectedDataset {
        Map<String, Map<String, Checksum>> copy = new LinkedHashMap<>();
        streams.forEach((stream, records) -> copy.put(stream, Map.copyOf(records)));
        streams = java.util.Collections.unmodifiableMap(copy);
    }

    public Map<String, Checksum> stream(String name) {
        Map<String, Checksum> records = streams.get(name);
        if (records == null) {
            throw new IllegalArgumentException("the expected dataset has no stream '" + name + "'");
        }
        return records;
    }

    public List<String> streamNames() {
        return List.copyOf(streams.keySet());
    }

    /**
     * The checksum a record is compared by: its canonical entity's, or, for a tombstone without an
     * entity, its payload's.
     */
    public static Checksum checksumOf(SourceRecord record) {
        return record.entity() != null
                ? CanonicalJson.checksum(record.entity())
                : CanonicalJson.checksum(record.payload());
    }
}
