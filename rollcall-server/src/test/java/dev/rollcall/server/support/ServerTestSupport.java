package dev.rollcall.server.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the real server on a random port with an embedded PostgreSQL in a fresh data directory and
 * a known admin token. Subclasses share one application context (and one database).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // Loud enough that a secret in a request body or a SQL parameter would reach the log.
            "logging.level.org.springframework.web=DEBUG",
            "logging.level.org.springframework.jdbc=TRACE",
            // Outbound webhooks retry fast and give up after 4 failures, so their tests take seconds.
            "rollcall.feed.webhooks.initial-backoff=100ms",
            "rollcall.feed.webhooks.max-backoff=1s",
            "rollcall.feed.webhooks.max-failures=4",
            "rollcall.feed.webhooks.poll-interval=100ms",
        })
public abstract class ServerTestSupport {

    public static final String ADMIN_TOKEN = "it-admin-token-0123456789abcdef";
    protected static final Path DATA_DIR = newDataDir();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void rollcallProperties(DynamicPropertyRegistry registry) {
        registry.add("rollcall.data-dir", DATA_DIR::toString);
        registry.add("rollcall.admin-token", () -> ADMIN_TOKEN);
    }

    protected Api api() {
        return new Api("http://localhost:" + port, ADMIN_TOKEN);
    }

    protected Api anonymous() {
        return new Api("http://localhost:" + port, null);
    }

    private static Path newDataDir() {
        try {
            Path target = Path.of("target", "it-data");
            Files.createDirectories(target);
            return Files.createTempDirectory(target.toAbsolutePath(), "server-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
