package dev.rollcall.gateway.internal;

import dev.rollcall.connector.api.http.UpstreamBody;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Receives an answer's body into an {@link UpstreamBody}: segments of at most {@link
 * UpstreamBody#SEGMENT} bytes instead of the one array {@code BodyHandlers.ofByteArray()} joins
 * the body into (an array a page long, humongous for G1). A body whose length is announced gets
 * segments of that size; one of unknown length starts small and doubles up to the segment size.
 */
final class SegmentedBody implements HttpResponse.BodySubscriber<UpstreamBody> {

    private static final int FIRST_UNKNOWN = 16 * 1024;

    /** The handler: a body of the length {@code Content-Length} announces, when it does. */
    static HttpResponse.BodyHandler<UpstreamBody> handler() {
        return info -> new SegmentedBody(
                info.headers().firstValueAsLong("Content-Length").orElse(-1));
    }

    private final CompletableFuture<UpstreamBody> result = new CompletableFuture<>();
    private final List<byte[]> segments = new ArrayList<>();
    private final List<Integer> lengths = new ArrayList<>();
    private long remaining;
    private byte[] current = new byte[0];
    private int used;

    SegmentedBody(long announced) {
        this.remaining = announced; // -1: not announced
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        for (ByteBuffer buffer : buffers) {
            while (buffer.hasRemaining()) {
                if (used == current.length) {
                    next(buffer.remaining());
                }
                int n = Math.min(buffer.remaining(), current.length - used);
                buffer.get(current, used, n);
                used += n;
            }
        }
    }

    /** Starts the next segment, sized for what is announced to come, else double the last. */
    private void next(int atLeast) {
        if (current.length > 0) {
            segments.add(current);
            lengths.add(used);
        }
        int size;
        if (remaining >= 0) {
            size = (int) Math.min(UpstreamBody.SEGMENT, Math.max(remaining, atLeast));
            remaining = Math.max(0, remaining - size);
        } else {
            size = Math.min(UpstreamBody.SEGMENT, Math.max(atLeast, Math.max(FIRST_UNKNOWN, current.length * 2)));
        }
        current = new byte[size];
        used = 0;
    }

    @Override
    public void onError(Throwable failure) {
        result.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        if (used > 0) {
            segments.add(current);
            lengths.add(used);
        }
        result.complete(UpstreamBody.of(
                segments, lengths.stream().mapToInt(Integer::intValue).toArray()));
    }

    @Override
    public CompletionStage<UpstreamBody> getBody() {
        return result;
    }
}
