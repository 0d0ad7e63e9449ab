package dev.rollcall.server.web;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An expected failure of an API call, answered as RFC 9457 problem+json. {@code errors} names each
 * bad field and why; all of them at once.
 */
public final class ApiProblem extends RuntimeException {

    /** One bad field: its path in the request (e.g. {@code config.pageSize}) and the reason. */
    public record FieldError(String field, String reason) {}

    private final HttpStatus status;
    private final String slug;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String slug, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem invalid(String detail, List<FieldError> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail, errors);
    }

    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(
                HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist", List.of());
    }

    public static ApiProblem conflict(String detail, List<FieldError> errors) {
        return new ApiProblem(HttpStatus.CONFLICT, "conflict", "Conflict", detail, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return Problems.type(slug);
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
