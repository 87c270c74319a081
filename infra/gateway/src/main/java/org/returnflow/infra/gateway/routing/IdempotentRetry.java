package org.returnflow.infra.gateway.routing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Set;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.returnflow.infra.gateway.config.GatewayRoutesProperties;
import org.springframework.cloud.gateway.server.mvc.common.MvcUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Retries idempotent requests (GET, HEAD, OPTIONS, PUT, DELETE) when the service cannot be reached,
 * drops the connection, or answers 502, 503 or 504, with a doubling pause between attempts. POST and
 * PATCH go out once: sending them again could act twice. A timeout is not retried either, since the
 * service may still be working on the request. A request body is kept in memory, up to a limit, so a
 * retried PUT carries it again; a larger body goes out once.
 */
public final class IdempotentRetry implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    static final Set<HttpMethod> IDEMPOTENT =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);
    static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);

    private final int retries;
    private final Duration firstBackoff;
    private final int maxBufferedBody;

    public IdempotentRetry(GatewayRoutesProperties.Retry config) {
        this.retries = Math.max(0, config.retries());
        this.firstBackoff = config.firstBackoff();
        this.maxBufferedBody = config.maxBufferedBody();
    }

    @Override
    public ServerResponse filter(ServerRequest request, HandlerFunction<ServerResponse> next) throws Exception {
        if (retries == 0 || !IDEMPOTENT.contains(request.method())) {
            return next.handle(request);
        }
        Replay replay = replayable(request);
        if (replay.once() != null) {
            return next.handle(replay.once());
        }
        long pauseMillis = firstBackoff.toMillis();
        for (int attempt = 0; ; attempt++) {
            ServerRequest attemptRequest = replay.nextAttempt();
            boolean last = attempt >= retries;
            try {
                ServerResponse response = next.handle(attemptRequest);
                if (last || !RETRIED_STATUSES.contains(response.statusCode().value())) {
                    return response;
                }
                discard(attemptRequest);
            } catch (Exception e) {
                if (last || Failures.isTimeout(e) || !(Failures.isConnectFailure(e) || Failures.isIoFailure(e))) {
                    throw e;
                }
            }
            pause(pauseMillis);
            pauseMillis *= 2;
        }
    }

    /** Closes the answer a retry replaces, so its connection is released. */
    private static void discard(ServerRequest request) {
        ClientHttpResponse previous = MvcUtils.getAttribute(request, MvcUtils.CLIENT_RESPONSE_ATTR);
        if (previous != null) {
            previous.close();
            MvcUtils.putAttribute(request, MvcUtils.CLIENT_RESPONSE_ATTR, null);
        }
    }

    private static void pause(long millis) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    private Replay replayable(ServerRequest request) throws IOException {
        if (!hasBody(request.headers())) {
            return new Replay(null, () -> request);
        }
        HttpServletRequest servlet = request.servletRequest();
        InputStream in = servlet.getInputStream();
        byte[] head = in.readNBytes(maxBufferedBody + 1);
        if (head.length > maxBufferedBody) {
            // Too big to keep: send what was read followed by the rest of the stream, once.
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), in);
            return new Replay(withBody(request, whole), null);
        }
        return new Replay(null, () -> withBody(request, new ByteArrayInputStream(head)));
    }

    private static boolean hasBody(ServerRequest.Headers headers) {
        OptionalLong length = headers.contentLength();
        if (length.isPresent()) {
            return length.getAsLong() > 0;
        }
        return !headers.header(HttpHeaders.TRANSFER_ENCODING).isEmpty();
    }

    private static ServerRequest withBody(ServerRequest request, InputStream body) {
        ServletInputStream stream = new ReplayedBody(body);
        HttpServletRequest wrapper = new HttpServletRequestWrapper(request.servletRequest()) {
            @Override
            public ServletInputStream getInputStream() {
                return stream;
            }
        };
        return ServerRequest.create(wrapper, request.messageConverters());
    }

    private interface Attempts {
        ServerRequest next();
    }

    /** Either a request that can go out only once, or a source of identical requests. */
    private record Replay(ServerRequest once, Attempts attempts) {
        ServerRequest nextAttempt() {
            return attempts.next();
        }
    }

    private static final class ReplayedBody extends ServletInputStream {
        private final InputStream body;
        private boolean finished;

        ReplayedBody(InputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            int b = body.read();
            finished = b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = body.read(buffer, offset, length);
            finished = n < 0;
            return n;
        }

        @Override
        public boolean isFinished() {
            if (finished) {
                return true;
            }
            try {
                return body instanceof ByteArrayInputStream && body.available() == 0;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new UnsupportedOperationException("blocking reads only");
        }
    }
}
