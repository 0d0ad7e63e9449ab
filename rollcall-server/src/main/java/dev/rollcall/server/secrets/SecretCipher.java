package dev.rollcall.server.secrets;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.rollcall.server.PrivateFiles;
import dev.rollcall.server.RollcallProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Encrypts credentials at rest with AEAD (AES-256-GCM, Google Tink). The keyset comes from {@code
 * ROLLCALL_MASTER_KEY} (a Tink JSON keyset, or its base64) or, when that is not set, from {@code
 * <data dir>/master-keyset.json}, generated on first start with owner-only permissions.
 *
 * <p>Every ciphertext names the key that made it (Tink's key prefix), so after {@link #rotate()} new
 * secrets use the new primary key while old ciphertext stays readable with the older keys. Callers
 * pass associated data that binds a ciphertext to its row, so a ciphertext moved to another row does
 * not decrypt.
 *
 * <p>Thread-safe: the primitive is swapped atomically on rotation.
 */
@Component
public class SecretCipher {

    private static final Logger log = LoggerFactory.getLogger(SecretCipher.class);
    static final String KEYSET_FILE = "master-keyset.json";

    /** A ciphertext and the id of the key that made it. */
    public record Sealed(byte[] ciphertext, long keyId) {}

    private final @Nullable Path keysetFile;
    private volatile Keys keys;

    private record Keys(KeysetHandle handle, Aead aead) {}

    @Autowired
    public SecretCipher(RollcallProperties properties) {
        this(properties.masterKey(), properties.dataDir().resolve(KEYSET_FILE));
    }

    SecretCipher(@Nullable String masterKey, Path keysetFile) {
        register();
        if (masterKey != null && !masterKey.isBlank()) {
            this.keysetFile = null;
            this.keys = keys(parse(masterKey.strip(), "ROLLCALL_MASTER_KEY"));
        } else {
            this.keysetFile = keysetFile.toAbsolutePath();
            this.keys = keys(loadOrGenerate(this.keysetFile));
        }
    }

    public Sealed encrypt(byte[] plaintext, byte[] associatedData) {
        Keys current = keys;
        try {
            return new Sealed(
                    current.aead.encrypt(plaintext, associatedData),
                    current.handle.getPrimary().getId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /**
     * @throws GeneralSecurityException when the ciphertext was not made by any key of the keyset or
     *     the associated data differs
     */
    public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
        return keys.aead.decrypt(ciphertext, associatedData);
    }

    /** The id of the key new ciphertext is made with. */
    public long primaryKeyId() {
        return keys.handle.getPrimary().getId();
    }

    public int keyCount() {
        return keys.handle.size();
    }

    /**
     * Adds a new AES-256-GCM key and makes it the primary; older keys stay for decryption. Only for
     * a keyset Rollcall manages in its data directory: a keyset given in {@code ROLLCALL_MASTER_KEY}
     * is rotated by whoever manages it (add a key, make it primary, restart).
     *
     * @return the new primary key id
     */
    public synchronized long rotate() {
        if (keysetFile == null) {
            throw new IllegalStateException(
                    "the master keyset comes from ROLLCALL_MASTER_KEY; rotate it there and restart Rollcall");
        }
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(keys.handle)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId()
                            .makePrimary())
                    .build();
            write(keysetFile, rotated);
            keys = keys(rotated);
            log.info(
                    "rotated the master key; new primary key id {}",
                    rotated.getPrimary().getId());
            return rotated.getPrimary().getId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not rotate the master key", e);
        }
    }

    private static void register() {
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not register Tink's AEAD primitives", e);
        }
    }

    private static Keys keys(KeysetHandle handle) {
        try {
            return new Keys(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the master keyset holds no usable AEAD key", e);
        }
    }

    private static KeysetHandle parse(String text, String source) {
        String json = text.startsWith("{") ? text : new String(decodeBase64(text, source), StandardCharsets.UTF_8);
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException | RuntimeException e) {
            // Never include the text: it is key material.
            throw new IllegalStateException(source + " is not a Tink JSON keyset (or its base64)");
        }
    }

    private static byte[] decodeBase64(String text, String source) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + " is neither a Tink JSON keyset nor base64");
        }
    }

    private static KeysetHandle loadOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                return parse(Files.readString(file), file.toString());
            }
            KeysetHandle generated = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            write(file, generated);
            log.info("generated a new master keyset in {}", file);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the master keyset " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not generate a master keyset", e);
        }
    }

    private static void write(Path file, KeysetHandle handle) {
        try {
            String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
            PrivateFiles.write(file, json);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the master keyset " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not serialise the master keyset", e);
        }
    }
}
