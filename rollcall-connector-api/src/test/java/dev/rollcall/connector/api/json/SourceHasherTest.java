package dev.rollcall.connector.api.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SourceHasherTest {

    private static final byte[] PAGE =
            "[{\"sourcedId\":\"u-1\"},{\"sourcedId\":\"u-1\"}]".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSameBytesGiveTheSameHashWhereverTheyAre() {
        SourceHasher hasher = SourceHasher.forReader("reader-1/users");

        assertThat(hasher.hash(PAGE, 1, 19)).isEqualTo(hasher.hash(PAGE, 21, 19));
        assertThat(hasher.hash(PAGE, 1, 19)).isNotEqualTo(hasher.hash(PAGE, 1, 18));
        assertThat(hasher.hash(PAGE, 1, 19))
                .as("not the bare checksum of the bytes: the reading is in the hash")
                .isNotEqualTo(Checksum.of("{\"sourcedId\":\"u-1\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anotherReaderMakesAnotherHashOfTheSameBytes() {
        assertThat(SourceHasher.forReader("reader-1/users").hash(PAGE, 1, 19))
                .isNotEqualTo(SourceHasher.forReader("reader-2/users").hash(PAGE, 1, 19))
                .isNotEqualTo(SourceHasher.forReader("reader-1/orgs").hash(PAGE, 1, 19));
    }

    @Test
    void theModelsShapeNamesEveryRecordComponentWithItsTypeAndAnnotations() {
        String shape = SourceHasher.modelShape();

        assertThat(shape)
                .contains("dev.rollcall.connector.api.model.Enrollment")
                .contains("classRef:dev.rollcall.connector.api.model.GuidRef")
                .contains("JsonProperty")
                .contains("dev.rollcall.connector.api.model.GuidRef[]{href:java.lang.String")
                .contains("dev.rollcall.connector.api.model.User");
        assertThat(SourceHasher.modelShape()).as("stable").isEqualTo(shape);
    }
}
