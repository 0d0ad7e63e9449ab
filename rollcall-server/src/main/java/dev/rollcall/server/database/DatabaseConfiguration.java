package dev.rollcall.server.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.rollcall.server.RollcallProperties;
import dev.rollcall.store.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where Rollcall's data lives: the external PostgreSQL named by {@code ROLLCALL_DATABASE_URL}, or,
 * with no configuration, an embedded PostgreSQL under {@code <data dir>/postgres} (nothing embedded
 * starts when a URL is given). Flyway migrates whichever it is at start.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    static final String DATABASE_NAME = "rollcall";

    /** Present only when no external database is configured. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgresHolder embeddedPostgres(RollcallProperties properties) {
        if (properties.database().external()) {
            return new EmbeddedPostgresHolder(null);
        }
        try {
            return new EmbeddedPostgresHolder(
                    EmbeddedPostgresServer.start(properties.dataDir().resolve("postgres"), DATABASE_NAME));
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + properties.dataDir(), e);
        }
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(RollcallProperties properties, EmbeddedPostgresHolder embedded) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("rollcall");
        hikari.setMaximumPoolSize(16);
        RollcallProperties.Database database = properties.database();
        if (database.external()) {
            hikari.setJdbcUrl(database.url());
            hikari.setUsername(database.user());
            hikari.setPassword(database.password());
        } else {
            EmbeddedPostgresServer server = java.util.Objects.requireNonNull(embedded.server());
            hikari.setJdbcUrl(server.jdbcUrl(DATABASE_NAME));
            hikari.setUsername(server.user());
        }
        return new HikariDataSource(hikari);
    }

    /** Wraps the optional embedded server so the data source can depend on it either way. */
    public record EmbeddedPostgresHolder(@Nullable EmbeddedPostgresServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
