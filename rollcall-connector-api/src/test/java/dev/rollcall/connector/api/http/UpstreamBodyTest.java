package dev.rollcall.connector.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UpstreamBodyTest {

    /** The bytes cut into segments of random lengths (some empty), each with room to spare after its bytes. */
    private static UpstreamBody segmented(byte[] bytes, Random random) {
        List<byte[]> segments = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        for (int from = 0; from < bytes.length; ) {
            int length = Math.min(bytes.length - from, random.nextInt(7) == 0 ? 0 : 1 + random.nextInt(300));
            byte[] segment = new byte[length + random.nextInt(4)];
            System.arraycopy(bytes, from, segment, 0, length);
            segments.add(segment);
            lengths.add(length);
            from += length;
        }
        return UpstreamBody.of(
                segments, lengths.stream().mapToInt(Integer::intValue).toArray());
    }

    private static byte[] readAll(InputStream in, Random random) throws IOException {
        byte[] out = new byte[0];
        while (true) {
            if (random.nextInt(10) == 0) {
                int b = in.read();
                if (b < 0) {
                    return out;
                }
                out = Arrays.copyOf(out, out.length + 1);
                out[out.length - 1] = (byte) b;
                continue;
            }
            byte[] buffer = new byte[1 + random.nextInt(500)];
            int n = in.read(buffer, 0, buffer.length);
            if (n < 0) {
                return out;
            }
            int at = out.length;
            out = Arrays.copyOf(out, at + n);
            System.arraycopy(buffer, 0, out, at, n);
        }
    }

    @Test
    void aSegmentedBodyReadsAsTheBytesItWasMadeOfWholeStreamedAndInAnyRange() throws IOException {
        Random random = new Random(11);
        byte[] bytes = new byte[20_000];
        random.nextBytes(bytes);
        UpstreamBody body = segmented(bytes, random);

        assertThat(body.length()).isEqualTo(bytes.length);
        assertThat(body.isOneSegment()).isFalse();
        assertThat(body.toByteArray()).isEqualTo(bytes);
        assertThat(readAll(body.stream(), random)).isEqualTo(bytes);
        for (int i = 0; i < 2_000; i++) {
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            UpstreamBody.Range range = body.range(from, to);
            assertThat(Arrays.copyOfRange(range.array(), range.offset(), range.offset() + range.length()))
                    .as("bytes %d to %d", from, to)
                    .isEqualTo(Arrays.copyOfRange(bytes, from, to));
        }
        assertThatThrownBy(() -> body.range(10, bytes.length + 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void aRangeWithinOneSegmentIsAViewOfItAndOneAcrossSegmentsACopy() {
        byte[] first = {1, 2, 3, 4};
        byte[] second = {5, 6, 7, 8};
        UpstreamBody body = UpstreamBody.of(List.of(first, second), new int[] {4, 3});

        assertThat(body.range(1, 3).array()).isSameAs(first);
        assertThat(body.range(4, 7).array()).isSameAs(second);
        assertThat(body.range(4, 7).offset()).isZero();
        UpstreamBody.Range across = body.range(3, 6);
        assertThat(across.array()).containsExactly(4, 5, 6);
        assertThat(body.toByteArray()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void anArrayIsOneSegmentAndNothingIsEmpty() throws IOException {
        byte[] bytes = {9, 8, 7};
        UpstreamBody one = UpstreamBody.of(bytes);
        assertThat(one.isOneSegment()).isTrue();
        assertThat(one.range(0, 3).array()).isSameAs(bytes);
        assertThat(one.toByteArray()).isEqualTo(bytes).isNotSameAs(bytes);

        for (UpstreamBody empty :
                List.of(UpstreamBody.empty(), UpstreamBody.of(new byte[0]), UpstreamBody.of(List.of(), new int[0]))) {
            assertThat(empty.isEmpty()).isTrue();
            assertThat(empty.toByteArray()).isEmpty();
            assertThat(empty.stream().read()).isEqualTo(-1);
            assertThat(empty.range(0, 0).length()).isZero();
        }
    }

    @Test
    void aResponseGivesItsBodyWholeOrAsReceivedAndItsTextCut() {
        byte[] bytes = "héllo, world".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        UpstreamResponse response = new UpstreamResponse(
                200,
                java.util.Map.of("X-Total-Count", List.of("3")),
                UpstreamBody.of(
                        List.of(Arrays.copyOf(bytes, 4), Arrays.copyOfRange(bytes, 4, bytes.length)),
                        new int[] {4, bytes.length - 4}),
                false,
                1,
                java.time.Duration.ZERO);

        assertThat(response.body()).isEqualTo(bytes);
        assertThat(response.content().length()).isEqualTo(bytes.length);
        assertThat(response.header("x-total-count")).contains("3");
        assertThat(response.bodyText(5)).isEqualTo("héllo…");
        assertThat(response.bodyText(100)).isEqualTo("héllo, world");
        assertThat(response)
                .isEqualTo(new UpstreamResponse(
                        200,
                        java.util.Map.of("x-total-count", List.of("3")),
                        bytes,
                        false,
                        1,
                        java.time.Duration.ZERO));
    }
}
