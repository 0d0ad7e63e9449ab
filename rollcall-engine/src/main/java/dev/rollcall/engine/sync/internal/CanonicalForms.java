package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.json.CanonicalJson;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.RosterEntity;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * A page's records in canonical form: each record's JSON tree (external references, as the
 * connector made it) and the checksum of its canonical bytes, which is what classifying a record
 * costs most. A run computes the forms of page n on a worker thread while it reads page n + 1.
 *
 * <p>Immutable once made, so it may be handed from the worker to the run's thread; each tree is
 * given out once, to be rewritten in place ({@link #take}).
 */
final class CanonicalForms {

    /** One record's tree and checksum. */
    record Form(ObjectNode tree, Checksum checksum) {

        static Form of(RosterEntity entity) {
            ObjectNode tree = (ObjectNode) RosterJson.toTree(entity);
            return new Form(tree, CanonicalJson.checksum(tree));
        }
    }

    /** No forms made ahead: each is made when asked for. */
    static CanonicalForms none() {
        return new CanonicalForms(new IdentityHashMap<>());
    }

    private final Map<SourceRecord, Form> forms;

    private CanonicalForms(Map<SourceRecord, Form> forms) {
        this.forms = forms;
    }

    /** The forms of every record that has an entity (a tombstone may not). */
    static CanonicalForms of(List<SourceRecord> records) {
        Map<SourceRecord, Form> forms = new IdentityHashMap<>(records.size() * 2);
        for (SourceRecord record : records) {
            if (record.entity() != null) {
                forms.put(record, Form.of(record.entity()));
            }
        }
        return new CanonicalForms(forms);
    }

    /** The record's form, made now when this page's forms do not have it. */
    Form take(SourceRecord record, RosterEntity entity) {
        Form form = forms.remove(record);
        return form != null ? form : Form.of(entity);
    }

    /** The record's form without giving it out: for reading its references before classifying. */
    Form peek(SourceRecord record, RosterEntity entity) {
        return forms.computeIfAbsent(record, key -> Form.of(entity));
    }
}
