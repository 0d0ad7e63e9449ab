package dev.rollcall.server;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rollcall's own settings, bound from {@code rollcall.*}; each has an environment variable (see
 * application.yml): {@code ROLLCALL_DATA_DIR}, {@code ROLLCALL_DATABASE_URL}, {@code
 * ROLLCALL_DATABASE_USER}, {@code ROLLCALL_DATABASE_PASSWORD}, {@code ROLLCALL_ADMIN_TOKEN}, {@code
 * ROLLCALL_MASTER_KEY}. {@link #toString()} never shows a secret.
 *
 * @param dataDir where the embedded PostgreSQL, the generated master keyset and the generated admin
 *     token live
 * @param database an external PostgreSQL; when its URL is blank, an embedded one starts
 * @param adminToken the bootstrap admin token; generated on first start when blank
 * @param masterKey a Tink keyset (JSON, or base64 of JSON) that encrypts credentials; generated into
 *     the data directory when blank
 */
@ConfigurationProperties("rollcall")
public record RollcallProperties(
        Path dataDir,
        Database database,
        @Nullable String adminToken,
        @Nullable String masterKey) {

    public RollcallProperties {
        if (dataDir == null) {
            dataDir = Path.of("rollcall-data");
        }
        if (database == null) {
            database = new Database(null, null, null);
        }
    }

    public record Database(
            @Nullable String url,
            @Nullable String user,
            @Nullable String password) {

        public boolean external() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Database[url=" + url + ", user=" + user + ", password=" + (password == null ? null : "********")
                    + "]";
        }
    }

    @Override
    public String toString() {
        return "RollcallProperties[dataDir=" + dataDir + ", database=" + database + ", adminToken="
                + (adminToken == null || adminToken.isBlank() ? "(generated)" : "********") + ", masterKey="
                + (masterKey == null || masterKey.isBlank() ? "(generated)" : "********") + "]";
    }
}
