package dev.rollcall.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.server.RollcallProperties;
import dev.rollcall.server.support.Api;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With no ROLLCALL_ADMIN_TOKEN, the first start generates one, stores its hash and writes it once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AdminTokenBootstrapIT {

    static final Path DATA_DIR = dataDir();

    @LocalServerPort
    int port;

    @Autowired
    AdminTokenBootstrap bootstrap;

    @Autowired
    RollcallProperties properties;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("rollcall.data-dir", DATA_DIR::toString);
        registry.add("rollcall.admin-token", () -> "");
    }

    @Test
    void generatedTokenIsWrittenOnceHashedInTheDatabaseAndWorks() throws IOException {
        Path file = DATA_DIR.resolve("admin-token");
        assertThat(file).exists();
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String token = Files.readString(file).strip();
        assertThat(token).startsWith("rc_").hasSizeGreaterThan(40);

        Api api = new Api("http://localhost:" + port, token);
        assertThat(api.get("/api/v1/integrations").status()).isEqualTo(200);

        String stored = jdbc.sql("select string_agg(t::text, '|') from api_token t")
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(token);

        // A restart (the bootstrap running again) keeps the token: no new one is made or written.
        Files.writeString(file, "changed-by-test");
        bootstrap.afterPropertiesSet();
        assertThat(Files.readString(file)).isEqualTo("changed-by-test");
        assertThat(api.get("/api/v1/integrations").status()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from api_token where bootstrap and revoked_at is null")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private static Path dataDir() {
        try {
            Path target = Path.of("target", "it-data").toAbsolutePath();
            Files.createDirectories(target);
            return Files.createTempDirectory(target, "bootstrap-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
