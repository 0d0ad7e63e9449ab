package dev.rollcall.server.security;

import dev.rollcall.server.PrivateFiles;
import dev.rollcall.server.RollcallProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Makes sure an admin can get in from the first start. With {@code ROLLCALL_ADMIN_TOKEN} set, that
 * token becomes the bootstrap admin token (replacing an earlier one). Without it, and with no
 * bootstrap token yet, a token is generated, its hash stored, and the token itself written once to
 * {@code <data dir>/admin-token} (owner-only) and printed once to the console; it is never logged.
 * Runs at start, after the migrations and before the server takes requests.
 */
@Component
@DependsOnDatabaseInitialization
public class AdminTokenBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AdminTokenBootstrap.class);
    static final String TOKEN_FILE = "admin-token";

    private final ApiTokens tokens;
    private final RollcallProperties properties;
    private final PrintStream console;

    public AdminTokenBootstrap(ApiTokens tokens, RollcallProperties properties) {
        this.tokens = tokens;
        this.properties = properties;
        this.console = System.out;
    }

    @Override
    public void afterPropertiesSet() {
        String configured = properties.adminToken();
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() < 16) {
                throw new IllegalStateException("ROLLCALL_ADMIN_TOKEN must be at least 16 characters long");
            }
            if (tokens.installBootstrapToken(ApiTokens.DEFAULT_TENANT, configured.strip())) {
                log.info("the bootstrap admin token is now the one from ROLLCALL_ADMIN_TOKEN");
            }
            return;
        }
        if (tokens.hasActiveBootstrapToken(ApiTokens.DEFAULT_TENANT)) {
            return;
        }
        String token = ApiTokens.newToken();
        Path file = properties.dataDir().resolve(TOKEN_FILE).toAbsolutePath();
        writeOwnerOnly(file, token + "\n");
        tokens.installBootstrapToken(ApiTokens.DEFAULT_TENANT, token);
        log.info("generated the bootstrap admin token and wrote it to {}", file);
        console.println();
        console.println("  Rollcall admin token (shown once, also saved in " + file + "):");
        console.println("    " + token);
        console.println();
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            PrivateFiles.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the admin token to " + file, e);
        }
    }
}
