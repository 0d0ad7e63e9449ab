package dev.rollcall.server.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCipherTest {

    private static final byte[] SECRET = "client-secret-value".getBytes(StandardCharsets.UTF_8);
    private static final byte[] ROW = "tenant/integration/1".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    @Test
    void generatesAKeysetOnFirstUseAndReadsItBack() throws Exception {
        Path file = dir.resolve("master-keyset.json");
        SecretCipher first = new SecretCipher(null, file);
        SecretCipher.Sealed sealed = first.encrypt(SECRET, ROW);

        assertThat(file).exists();
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("client-secret");
        assertThat(sealed.keyId()).isEqualTo(first.primaryKeyId());

        SecretCipher restarted = new SecretCipher(null, file);
        assertThat(restarted.decrypt(sealed.ciphertext(), ROW)).isEqualTo(SECRET);
    }

    @Test
    void ciphertextOnlyDecryptsForItsOwnRow() {
        SecretCipher cipher = new SecretCipher(null, dir.resolve("k.json"));
        byte[] ciphertext = cipher.encrypt(SECRET, ROW).ciphertext();

        assertThatThrownBy(() -> cipher.decrypt(ciphertext, "tenant/integration/2".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void rotationKeepsOldCiphertextReadableAndEncryptsWithTheNewKey() throws Exception {
        Path file = dir.resolve("k.json");
        SecretCipher cipher = new SecretCipher(null, file);
        SecretCipher.Sealed before = cipher.encrypt(SECRET, ROW);

        long newKey = cipher.rotate();
        SecretCipher.Sealed after = cipher.encrypt(SECRET, ROW);

        assertThat(newKey).isNotEqualTo(before.keyId());
        assertThat(after.keyId()).isEqualTo(newKey);
        assertThat(cipher.keyCount()).isEqualTo(2);
        assertThat(cipher.decrypt(before.ciphertext(), ROW)).isEqualTo(SECRET);
        SecretCipher restarted = new SecretCipher(null, file);
        assertThat(restarted.decrypt(before.ciphertext(), ROW)).isEqualTo(SECRET);
        assertThat(restarted.decrypt(after.ciphertext(), ROW)).isEqualTo(SECRET);
    }

    @Test
    void takesTheKeysetFromTheEnvironmentAsJsonOrBase64AndNeverWritesAFile() throws Exception {
        AeadConfig.register();
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        Path file = dir.resolve("unused.json");

        SecretCipher fromJson = new SecretCipher(json, file);
        SecretCipher fromBase64 =
                new SecretCipher(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)), file);

        assertThat(fromBase64.decrypt(fromJson.encrypt(SECRET, ROW).ciphertext(), ROW))
                .isEqualTo(SECRET);
        assertThat(Files.exists(file)).isFalse();
        assertThatThrownBy(fromJson::rotate).hasMessageContaining("ROLLCALL_MASTER_KEY");
    }

    @Test
    void aBadMasterKeyFailsWithoutEchoingIt() {
        assertThatThrownBy(() -> new SecretCipher("{\"not\":\"a keyset, secret123\"}", dir.resolve("x")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ROLLCALL_MASTER_KEY")
                .hasMessageNotContaining("secret123");
    }
}
