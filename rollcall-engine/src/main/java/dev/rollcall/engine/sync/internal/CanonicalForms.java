package dev.rollcall.engine.sync.internal;

import dev.rollcall.connector.api.SourceRecord;
import dev.rollcall.connector.api.json.CanonicalJson;
import dev.rollcall.connector.api.json.Checksum;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.RosterEntity;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * A page's records in canonical form: the checksum of each record's canonical bytes, which is what
 * classifying a record costs most, and its JSON tree (external references, as the connector made
 * it), which only a record that is staged needs. A run computes the forms of page n on a worker
 * thread while it reads page n + 1. The checksum is written straight from the model; the tree is
 * made on the worker too when most records will be staged (a first load), else only for the
 * records that are (a resync or a delta, where nearly every record is unchanged).
 *
 * <p>Handed from the worker to the run's thread once made, and used by that thread only; each tree
 * is given out once, to be rewritten in place ({@link #take}).
 */
final class CanonicalForms {

    /** One record's checksum, and its tree once made. */
    static final class Form {

        private final RosterEntity entity;
        private final Checksum checksum;
        private @Nullable ObjectNode tree;

        private Form(RosterEntity entity, Checksum checksum, @Nullable ObjectNode tree) {
            this.entity = entity;
            this.checksum = checksum;
            this.tree = tree;
        }

        static Form of(RosterEntity entity, boolean withTree) {
            if (withTree) { // the tree is made anyway: its canonical bytes cost less than the model's
                ObjectNode tree = (ObjectNode) RosterJson.toSortedTree(entity); // checksummed without a sort
                return new Form(entity, CanonicalJson.checksum(tree), tree);
            }
            return new Form(entity, CanonicalJson.checksum(entity), null);
        }

        /** The checksum of the record's canonical bytes (external references). */
        Checksum checksum() {
            return checksum;
        }

        /** The record's tree, made now if the worker did not make it. */
        ObjectNode tree() {
            ObjectNode made = tree;
            if (made == null) {
                made = (ObjectNode) RosterJson.toSortedTree(entity);
                tree = made;
            }
            return made;
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

    /**
     * The forms of every record that has an entity (a tombstone may not), with their trees when
     * {@code withTrees} (most of them will be staged).
     */
    static CanonicalForms of(List<SourceRecord> records, boolean withTrees) {
        Map<SourceRecord, Form> forms = new IdentityHashMap<>(records.size() * 2);
        for (SourceRecord record : records) {
            if (record.entity() != null) {
                forms.put(record, Form.of(record.entity(), withTrees));
            }
        }
        return new CanonicalForms(forms);
    }

    /** The record's form, made now when this page's forms do not have it. */
    Form take(SourceRecord record, RosterEntity entity) {
        Form form = forms.remove(record);
        return form != null ? form : Form.of(entity, false);
    }

    /** The record's form without giving it out: for reading its references before classifying. */
    Form peek(SourceRecord record, RosterEntity entity) {
        return forms.computeIfAbsent(record, key -> Form.of(entity, false));
    }
}
