package dev.rollcall.connector.oneroster.internal;

import dev.rollcall.connector.api.error.ConfigurationException;
import dev.rollcall.connector.api.error.ConnectorException;
import dev.rollcall.connector.api.error.DataException;
import dev.rollcall.connector.api.http.UpstreamClient;
import dev.rollcall.connector.api.http.UpstreamRequest;
import dev.rollcall.connector.api.http.UpstreamResponse;
import dev.rollcall.connector.api.json.RosterJson;
import dev.rollcall.connector.api.model.Enrollment;
import dev.rollcall.connector.api.model.EnrollmentRole;
import dev.rollcall.connector.api.model.EntityType;
import dev.rollcall.connector.api.model.RosterEntity;
import dev.rollcall.connector.api.write.RosterWriter;
import dev.rollcall.connector.api.write.WriteOperation;
import dev.rollcall.connector.api.write.WriteResult;
import dev.rollcall.connector.oneroster.OneRosterProfile.BooleanStyle;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes to a server that accepts them, as TimeBack does (an extension of the read-only binding):
 *
 * <ul>
 *   <li>create: {@code POST /{collection}/} with the wrapper body {@code {"user": {…}}}; without an
 *       external id the server allocates one and says it in {@code sourcedIdPairs};
 *   <li>a student's or teacher's enrollment, when the profile says so: {@code POST
 *       /classes/{id}/students|teachers} with {@code {"enrollment": {…}}};
 *   <li>update: {@code PUT /{collection}/{id}} with the wrapper body;
 *   <li>delete: {@code DELETE /{collection}/{id}}, which the server turns into a soft delete ({@code
 *       tobedeleted}); a 404 means it is gone already (not applied, not an error), so a retried
 *       delete is harmless.
 * </ul>
 *
 * Booleans are written in the profile's style. Thread-safe and stateless.
 */
final class OneRosterWriter implements RosterWriter {

    private final OneRosterSettings settings;
    private final RosterUrls urls;
    private final Supplier<UpstreamClient> client;
    private final OneRosterErrorClassifier classifier;

    OneRosterWriter(
            OneRosterSettings settings,
            RosterUrls urls,
            Supplier<UpstreamClient> client,
            OneRosterErrorClassifier classifier) {
        this.settings = settings;
        this.urls = urls;
        this.client = client;
        this.classifier = classifier;
    }

    @Override
    public WriteResult write(
            WriteOperation operation, String stream, @Nullable String externalId, @Nullable RosterEntity entity)
            throws ConnectorException {
        EntityType type = EntityType.fromCollection(stream)
                .orElseThrow(() -> new ConfigurationException("stream '" + stream
                        + "' is not a OneRoster rostering collection; the streams are " + Wrappers.STREAMS));
        return switch (operation) {
            case CREATE -> create(type, externalId, require(operation, stream, entity));
            case UPDATE -> update(type, requireId(operation, stream, externalId), require(operation, stream, entity));
            case DELETE -> delete(type, requireId(operation, stream, externalId));
        };
    }

    private WriteResult create(EntityType type, @Nullable String externalId, RosterEntity entity)
            throws ConnectorException {
        ObjectNode record = body(entity);
        if (externalId == null) {
            record.remove("sourcedId"); // the server allocates one
        } else {
            record.put("sourcedId", externalId);
        }
        URI uri;
        String wrapper;
        String endpoint;
        if (settings.classRosterWrites()
                && entity instanceof Enrollment enrollment
                && classRoster(enrollment) != null) {
            uri = urls.classRoster(enrollment.classRef().sourcedId(), classRoster(enrollment));
            wrapper = "enrollment";
            endpoint = "classes/{id}/" + classRoster(enrollment);
        } else {
            uri = urls.collection(type, java.util.Map.of());
            wrapper = Wrappers.singular(type);
            endpoint = type.collection();
        }
        UpstreamResponse response = send("POST", uri, wrap(wrapper, record), endpoint);
        String allocated = allocatedId(response);
        String id = allocated != null ? allocated : externalId;
        if (id == null) {
            throw new DataException(
                    "POST " + uri.getRawPath() + " answered " + response.status()
                            + " without sourcedIdPairs.allocatedSourcedId, so the new record's id is unknown",
                    null,
                    null);
        }
        return new WriteResult(id, true, "created (" + response.status() + ")");
    }

    private WriteResult update(EntityType type, String externalId, RosterEntity entity) throws ConnectorException {
        ObjectNode record = body(entity);
        record.put("sourcedId", externalId);
        URI uri = urls.record(type, externalId);
        UpstreamResponse response =
                send("PUT", uri, wrap(Wrappers.singular(type), record), type.collection() + "/{id}");
        return new WriteResult(externalId, true, "updated (" + response.status() + ")");
    }

    private WriteResult delete(EntityType type, String externalId) throws ConnectorException {
        URI uri = urls.record(type, externalId);
        UpstreamRequest request = new UpstreamRequest(
                "DELETE",
                uri,
                java.util.Map.of(),
                null,
                type.collection() + "/{id}",
                UpstreamRequest.Priority.WRITE,
                false);
        UpstreamResponse response = client.get().send(request);
        if (response.status() == 404) {
            return new WriteResult(externalId, false, "already absent upstream (404)");
        }
        check("DELETE " + uri.getRawPath(), response);
        return new WriteResult(externalId, true, "soft-deleted (" + response.status() + ")");
    }

    private UpstreamResponse send(String method, URI uri, ObjectNode body, String endpoint) throws ConnectorException {
        UpstreamResponse response = client.get()
                .send(UpstreamRequest.json(method, uri, RosterJson.mapper().writeValueAsBytes(body), endpoint));
        check(method + " " + uri.getRawPath(), response);
        return response;
    }

    private void check(String described, UpstreamResponse response) throws ConnectorException {
        if (!response.isSuccess()) {
            throw classifier.classify(UpstreamFailure.status(UpstreamFailure.Purpose.WRITE, described, response));
        }
    }

    /** The record in the binding's JSON, booleans in the profile's style. */
    private ObjectNode body(RosterEntity entity) {
        ObjectNode record = (ObjectNode) RosterJson.toTree(entity);
        if (settings.booleans() == BooleanStyle.JSON) {
            for (String field : List.of("enabledUser", "primary")) {
                JsonNode value = record.get(field);
                if (value != null && value.isString()) {
                    record.put(field, Boolean.parseBoolean(value.stringValue()));
                }
            }
        }
        return record;
    }

    private static ObjectNode wrap(String wrapper, ObjectNode record) {
        ObjectNode body = RosterJson.mapper().createObjectNode();
        body.set(wrapper, record);
        return body;
    }

    private static @Nullable String classRoster(Enrollment enrollment) {
        if (enrollment.classRef() == null || enrollment.role() == null) {
            return null;
        }
        if (EnrollmentRole.STUDENT.equals(enrollment.role())) {
            return "students";
        }
        if (EnrollmentRole.TEACHER.equals(enrollment.role())) {
            return "teachers";
        }
        return null;
    }

    private static @Nullable String allocatedId(UpstreamResponse response) {
        if (response.body().length == 0) {
            return null;
        }
        try {
            JsonNode pairs = RosterJson.mapper().readTree(response.body()).path("sourcedIdPairs");
            String allocated = pairs.path("allocatedSourcedId").asString("");
            return allocated.isEmpty() ? null : allocated;
        } catch (JacksonException e) {
            return null; // the write was accepted; the id falls back to the one we sent
        }
    }

    private static RosterEntity require(WriteOperation operation, String stream, @Nullable RosterEntity entity)
            throws DataException {
        if (entity == null) {
            throw new DataException(operation + " of " + stream + ": entity is required", null, null);
        }
        return entity;
    }

    private static String requireId(WriteOperation operation, String stream, @Nullable String externalId)
            throws DataException {
        if (externalId == null || externalId.isBlank()) {
            throw new DataException(operation + " of " + stream + ": externalId is required", null, null);
        }
        return externalId;
    }
}
