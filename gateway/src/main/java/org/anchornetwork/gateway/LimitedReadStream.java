package org.anchornetwork.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body that fails, instead of passing on the chunk, once more than {@code limit} bytes have arrived. The
 * proxy pipes it to the service: the failure makes it reset the service's request, so the service never receives
 * a complete request, and whatever arrives afterwards is dropped.
 */
final class LimitedReadStream implements ReadStream<Buffer> {

    /** Carries no stack trace: it is an expected outcome, not a bug. */
    static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge(long limit) {
            super("request body over " + limit + " bytes", null, false, false);
        }
    }

    private final ReadStream<Buffer> source;
    private final long limit;
    private long received;
    private volatile boolean exceeded;
    private Handler<Throwable> exceptionHandler;

    LimitedReadStream(ReadStream<Buffer> source, long limit) {
        this.source = source;
        this.limit = limit;
    }

    boolean exceeded() {
        return exceeded;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        source.handler(handler == null ? null : chunk -> {
            if (exceeded) {
                return;
            }
            received += chunk.length();
            if (received > limit) {
                exceeded = true;
                Handler<Throwable> failed = exceptionHandler;
                if (failed != null) {
                    failed.handle(new BodyTooLarge(limit));
                }
                return;
            }
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        exceptionHandler = handler;
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> handler) {
        source.endHandler(handler == null ? null : ended -> {
            if (!exceeded) {
                handler.handle(ended);
            }
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }
}
