package dev.rollcall.gateway.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rollcall.connector.api.http.UpstreamBody;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

class SegmentedBodyTest {

    /** The bytes fed to the subscriber as the client would, in lists of buffers of random sizes. */
    private static UpstreamBody receive(byte[] bytes, long announced, Random random) throws Exception {
        SegmentedBody subscriber = new SegmentedBody(announced);
        subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {}

            @Override
            public void cancel() {}
        });
        for (int from = 0; from < bytes.length; ) {
            List<ByteBuffer> buffers = new ArrayList<>();
            for (int i = random.nextInt(3); i >= 0 && from < bytes.length; i--) {
                int length = Math.min(bytes.length - from, 1 + random.nextInt(40_000));
                buffers.add(ByteBuffer.wrap(bytes, from, length).slice());
                from += length;
            }
            subscriber.onNext(buffers);
        }
        subscriber.onComplete();
        return subscriber.getBody().toCompletableFuture().get();
    }

    @Test
    void aBodyIsReceivedWholeInSegmentsNoneOfThemHumongous() throws Exception {
        Random random = new Random(5);
        for (int length : new int[] {0, 1, 1_000, UpstreamBody.SEGMENT, UpstreamBody.SEGMENT + 1, 1_150_000}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            for (long announced : new long[] {length, -1}) {
                UpstreamBody body = receive(bytes, announced, random);

                assertThat(body.length())
                        .as("%d bytes, %d announced", length, announced)
                        .isEqualTo(length);
                assertThat(body.toByteArray()).isEqualTo(bytes);
                for (int at = 0; at < length; at += UpstreamBody.SEGMENT / 2) {
                    int to = Math.min(length, at + UpstreamBody.SEGMENT / 2);
                    assertThat(body.range(at, to).array().length)
                            .as("no array of more than a segment")
                            .isLessThanOrEqualTo(UpstreamBody.SEGMENT);
                }
            }
        }
    }

    @Test
    void aBodyLongerThanAnnouncedIsStillReceivedWhole() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(3).nextBytes(bytes);

        UpstreamBody body = receive(bytes, 10, new Random(4));

        assertThat(body.toByteArray()).isEqualTo(bytes);
    }
}
