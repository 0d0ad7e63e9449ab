package dev.rollcall.server.secrets;

import dev.rollcall.server.audit.AuditLog;
import dev.rollcall.server.security.Caller;
import dev.rollcall.server.web.ApiProblem;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/admin/master-key/rotate}: adds a new master key and makes it the one new
 * secrets are encrypted with; existing ciphertext stays readable. Admins only.
 */
@RestController
@RequestMapping("/api/v1/admin/master-key")
public class MasterKeyController {

    public record Rotation(long primaryKeyId, int keys) {}

    private final SecretCipher cipher;
    private final AuditLog audit;

    public MasterKeyController(SecretCipher cipher, AuditLog audit) {
        this.cipher = cipher;
        this.audit = audit;
    }

    @PostMapping("/rotate")
    @Transactional
    public Rotation rotate(Caller caller) {
        caller.requireAdmin();
        long before = cipher.primaryKeyId();
        try {
            cipher.rotate();
        } catch (IllegalStateException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "key-managed-externally", "Conflict", e.getMessage(), List.of());
        }
        Rotation rotation = new Rotation(cipher.primaryKeyId(), cipher.keyCount());
        audit.record(
                caller,
                "master-key.rotated",
                "master-key",
                Long.toString(rotation.primaryKeyId()),
                Map.of("primaryKeyId", before),
                rotation);
        return rotation;
    }
}
