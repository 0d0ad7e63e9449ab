package dev.rollcall.server.audit;

import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: the tenant's audit log, newest first. */
@RestController
@RequestMapping("/api/v1/audit")
public class AuditController {

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping
    public List<AuditLog.Entry> list(
            Caller caller,
            @RequestParam(required = false) @Nullable String targetType,
            @RequestParam(required = false) @Nullable String targetId,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalid(
                    "Invalid limit", List.of(new ApiProblem.FieldError("limit", "must be between 1 and 1000")));
        }
        return audit.list(caller.tenantId(), targetType, targetId, limit);
    }
}
