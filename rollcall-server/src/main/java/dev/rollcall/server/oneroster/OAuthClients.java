package dev.rollcall.server.oneroster;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * OAuth clients ({@code oauth_client}) and their access tokens ({@code oauth_token}).
 *
 * <p>Secrets and tokens are 256-bit random values; only their SHA-256 is stored, so neither can be
 * read back. Tokens are opaque rather than signed: a lookup per request (one primary-key read)
 * buys immediate revocation (revoking a client kills its live tokens at once) and no signing key to
 * manage or rotate. A token lives {@link #TOKEN_LIFETIME}.
 */
@Repository
public class OAuthClients {

    /** How long an access token is valid. */
    public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A client as the admin API shows it (never with its secret). */
    public record Client(
            UUID clientId,
            String name,
            List<String> scopes,
            String createdBy,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {}

    /** A new client and its secret, which exists only in this value. */
    public record Created(Client client, String clientSecret) {}

    /** A token as issued. */
    public record Issued(String accessToken, Duration expiresIn, Set<OAuthScope> scopes) {}

    private final JdbcClient jdbc;

    public OAuthClients(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Created create(UUID tenantId, String name, Set<OAuthScope> scopes, String createdBy, Instant now) {
        UUID id = UUID.randomUUID();
        String secret = random("rcs_");
        jdbc.sql("""
                        insert into oauth_client (id, tenant_id, name, scopes, secret_sha256, created_by, created_at)
                        values (:id, :tenant, :name, cast(:scopes as text[]), :hash, :createdBy, :at)
                        """)
                .param("id", id)
                .param("tenant", tenantId)
                .param("name", name)
                .param("scopes", pgArray(uris(scopes)))
                .param("hash", sha256(secret))
                .param("createdBy", createdBy)
                .param("at", Timestamp.from(now))
                .update();
        return new Created(new Client(id, name, uris(scopes), createdBy, now, null, null), secret);
    }

    public List<Client> list(UUID tenantId) {
        return jdbc.sql(SELECT + " where tenant_id = :tenant order by created_at, id")
                .param("tenant", tenantId)
                .query((rs, row) -> client(rs))
                .list();
    }

    public Optional<Client> get(UUID tenantId, UUID clientId) {
        return jdbc.sql(SELECT + " where tenant_id = :tenant and id = :id")
                .param("tenant", tenantId)
                .param("id", clientId)
                .query((rs, row) -> client(rs))
                .optional();
    }

    /** Revokes the client and deletes its tokens; false when it was not there or already revoked. */
    public boolean revoke(UUID tenantId, UUID clientId, Instant now) {
        int changed = jdbc.sql("""
                        update oauth_client set revoked_at = :at
                        where tenant_id = :tenant and id = :id and revoked_at is null
                        """)
                .param("at", Timestamp.from(now))
                .param("tenant", tenantId)
                .param("id", clientId)
                .update();
        jdbc.sql("delete from oauth_token where client_id = :id and tenant_id = :tenant")
                .param("id", clientId)
                .param("tenant", tenantId)
                .update();
        return changed > 0;
    }

    /** The live client with this id and secret, with its tenant and scopes; empty otherwise. */
    public Optional<OneRosterClient> authenticateClient(String clientId, String secret) {
        UUID id;
        try {
            id = UUID.fromString(clientId.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] presented = sha256(secret);
        return jdbc.sql("""
                        select tenant_id, name, scopes, secret_sha256 from oauth_client
                        where id = :id and revoked_at is null
                        """)
                .param("id", id)
                .query((rs, row) -> MessageDigest.isEqual(rs.getBytes("secret_sha256"), presented)
                        ? new OneRosterClient(
                                rs.getObject("tenant_id", UUID.class),
                                id,
                                rs.getString("name"),
                                scopes(rs.getArray("scopes")))
                        : null)
                .optional();
    }

    /** Issues a token for {@code client} with {@code scopes} (already checked to be the client's). */
    public Issued issue(OneRosterClient client, Set<OAuthScope> scopes, Instant now) {
        String token = random("rct_");
        jdbc.sql("""
                        insert into oauth_token (token_sha256, tenant_id, client_id, scopes, issued_at, expires_at)
                        values (:hash, :tenant, :client, cast(:scopes as text[]), :now, :expires)
                        """)
                .param("hash", sha256(token))
                .param("tenant", client.tenantId())
                .param("client", client.clientId())
                .param("scopes", pgArray(uris(scopes)))
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(now.plus(TOKEN_LIFETIME)))
                .update();
        jdbc.sql("update oauth_client set last_used_at = :now where id = :client")
                .param("now", Timestamp.from(now))
                .param("client", client.clientId())
                .update();
        jdbc.sql("delete from oauth_token where client_id = :client and expires_at < :now")
                .param("now", Timestamp.from(now))
                .param("client", client.clientId())
                .update();
        return new Issued(token, TOKEN_LIFETIME, scopes);
    }

    /** The client behind a live token, with the token's scopes; empty when unknown, expired or revoked. */
    public Optional<OneRosterClient> authenticateToken(String token, Instant now) {
        return jdbc.sql("""
                        select t.tenant_id, t.client_id, c.name, t.scopes
                        from oauth_token t join oauth_client c on c.id = t.client_id
                        where t.token_sha256 = :hash and t.expires_at > :now and c.revoked_at is null
                        """)
                .param("hash", sha256(token))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new OneRosterClient(
                        rs.getObject("tenant_id", UUID.class),
                        rs.getObject("client_id", UUID.class),
                        rs.getString("name"),
                        scopes(rs.getArray("scopes"))))
                .optional();
    }

    private static final String SELECT = """
            select id, name, scopes, created_by, created_at, last_used_at, revoked_at from oauth_client""";

    private static Client client(ResultSet rs) throws SQLException {
        return new Client(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                List.of((String[]) rs.getArray("scopes").getArray()),
                rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Set<OAuthScope> scopes(Array array) throws SQLException {
        Set<OAuthScope> scopes = EnumSet.noneOf(OAuthScope.class);
        for (String value : (String[]) array.getArray()) {
            OAuthScope.parse(value).ifPresent(scopes::add);
        }
        return scopes;
    }

    private static List<String> uris(Set<OAuthScope> scopes) {
        return scopes.stream().sorted().map(OAuthScope::uri).toList();
    }

    /** A PostgreSQL array literal of scope URIs (they hold no quotes, commas or braces). */
    private static String pgArray(List<String> values) {
        return values.stream().collect(Collectors.joining(",", "{", "}"));
    }

    private static String random(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static String describe(Set<OAuthScope> scopes) {
        return Arrays.stream(OAuthScope.values())
                .filter(scopes::contains)
                .map(OAuthScope::uri)
                .collect(Collectors.joining(" "));
    }
}
