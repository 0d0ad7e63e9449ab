package dev.rollcall.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API tokens in {@code api_token}. Only a SHA-256 of a token is stored; a lookup hashes the
 * presented token and finds the row by its hash, so no token is ever compared character by
 * character.
 */
@Repository
public class ApiTokens {

    public static final UUID DEFAULT_TENANT = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;

    public ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new token: {@code rc_} and 256 random bits, base64url. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "rc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public Optional<Caller> authenticate(String token) {
        return jdbc.sql("""
                        select id, tenant_id, name, role from api_token
                        where token_sha256 = :hash and revoked_at is null
                        """)
                .param("hash", sha256(token))
                .query((rs, row) -> new Caller(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getObject("id", UUID.class),
                        rs.getString("name"),
                        Caller.Role.valueOf(rs.getString("role").toUpperCase(Locale.ROOT))))
                .optional();
    }

    public boolean hasActiveBootstrapToken(UUID tenantId) {
        return jdbc.sql("select count(*) from api_token where tenant_id = :tenant and bootstrap and revoked_at is null")
                        .param("tenant", tenantId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /**
     * Makes {@code token} the tenant's bootstrap admin token, revoking a previous one that differs.
     * Returns false when it already was.
     */
    public boolean installBootstrapToken(UUID tenantId, String token) {
        byte[] hash = sha256(token);
        boolean current = jdbc.sql("""
                        select count(*) from api_token
                        where tenant_id = :tenant and bootstrap and revoked_at is null and token_sha256 = :hash
                        """)
                        .param("tenant", tenantId)
                        .param("hash", hash)
                        .query(Long.class)
                        .single()
                > 0;
        if (current) {
            return false;
        }
        jdbc.sql(
                        "update api_token set revoked_at = now() where tenant_id = :tenant and bootstrap and revoked_at is null")
                .param("tenant", tenantId)
                .update();
        jdbc.sql("""
                        insert into api_token (id, tenant_id, name, role, token_sha256, bootstrap)
                        values (:id, :tenant, 'bootstrap-admin', 'admin', :hash, true)
                        """)
                .param("id", UUID.randomUUID())
                .param("tenant", tenantId)
                .param("hash", hash)
                .update();
        return true;
    }
}
