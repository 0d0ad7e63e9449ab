package dev.rollcall.server.web;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure of a controller into RFC 9457 problem+json: {@link ApiProblem}s as they are,
 * Spring MVC's own errors through {@link ResponseEntityExceptionHandler} (with our type and request
 * id), and anything unexpected into a 500 that says nothing internal.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return respond(
                problem.status(),
                Problems.of(
                        problem.status(), slugOf(problem), problem.title(), problem.getMessage(), problem.errors()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType().getSimpleName();
        return respond(
                HttpStatus.BAD_REQUEST,
                Problems.of(
                        HttpStatus.BAD_REQUEST,
                        "invalid-request",
                        "Invalid request",
                        "'" + e.getName() + "' is not a valid " + expected,
                        List.of(new ApiProblem.FieldError(e.getName(), "must be a valid " + expected))));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return respond(
                HttpStatus.INTERNAL_SERVER_ERROR,
                Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal-error",
                        "Internal error",
                        "Rollcall could not complete the request; the log has the details under this requestId",
                        List.of()));
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String reason = JsonErrors.describe(e);
        return problem(
                status, "invalid-request", "Invalid request", "The request body is not valid: " + reason, List.of());
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<ApiProblem.FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new ApiProblem.FieldError(error.getField(), String.valueOf(error.getDefaultMessage())))
                .toList();
        return problem(status, "invalid-request", "Invalid request", "The request has invalid fields", errors);
    }

    @Override
    protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(
                status,
                "not-found",
                "Not found",
                "There is no endpoint " + e.getHttpMethod() + " /" + e.getResourcePath(),
                List.of());
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail detail) {
            String slug = status.value() == 404 ? "not-found" : "http-" + status.value();
            ProblemDetail ours = Problems.of(
                    status,
                    slug,
                    detail.getTitle() == null ? "Error" : detail.getTitle(),
                    detail.getDetail() == null ? "" : detail.getDetail(),
                    List.of());
            return ResponseEntity.status(status)
                    .headers(headers)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(ours);
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ResponseEntity<Object> problem(
            HttpStatusCode status, String slug, String title, String detail, List<ApiProblem.FieldError> errors) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(status, slug, title, detail, errors));
    }

    private static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, ProblemDetail body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    private static String slugOf(ApiProblem problem) {
        String type = problem.type().toString();
        return type.substring(type.lastIndexOf(':') + 1);
    }
}
