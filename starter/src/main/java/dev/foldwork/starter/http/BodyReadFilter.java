package dev.foldwork.starter.http;

import dev.foldwork.starter.problem.Problems;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every request body off the connection without holding a request thread (Servlet
 * non-blocking IO), within a deadline and a size limit, before anything else sees the request.
 * A client that sends headers and then stalls its body therefore occupies a connection, not one
 * of the threads that answer everyone else, and gets 408 once the deadline passes. The request
 * then goes on, on an async dispatch, with its body in memory. A body that arrived whole with its
 * headers (most are small) is read at once and the request goes on on its first dispatch.
 */
public final class BodyReadFilter extends OncePerRequestFilter {
    private static final String BODY_ATTRIBUTE = BodyReadFilter.class.getName() + ".body";

    private final int maxBytes;
    private final Duration deadline;
    private final Problems problems;

    public BodyReadFilter(int maxBytes, Duration deadline, Problems problems) {
        this.maxBytes = maxBytes;
        this.deadline = deadline;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getDispatcherType() == DispatcherType.ASYNC && request.getAttribute(BODY_ATTRIBUTE) instanceof byte[] body) {
            chain.doFilter(new BufferedBodyRequest(request, body), response);
            return;
        }
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if (request.getDispatcherType() != DispatcherType.REQUEST || !hasBody || !request.isAsyncSupported()) {
            chain.doFilter(request, response);
            return;
        }
        if (request.getContentLengthLong() > maxBytes) {
            tooLarge(request, response, request.getContentLengthLong());
            return;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (readWhatArrived(request.getInputStream(), request.getContentLengthLong(), body)) {
            chain.doFilter(new BufferedBodyRequest(request, body.toByteArray()), response);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(deadline.toMillis());
        Reader reader = new Reader(async, request.getInputStream(), body);
        async.addListener(reader);
        request.getInputStream().setReadListener(reader);
    }

    /**
     * Reads the part of a body of known length that already arrived with the headers, never
     * waiting on the connection (only what {@code available()} says is buffered); true when that
     * is the whole body, which is then answered on this dispatch, without an async one. A body
     * sent in pieces goes on in non-blocking reads from what was read here.
     */
    private static boolean readWhatArrived(ServletInputStream in, long length, ByteArrayOutputStream body) throws IOException {
        if (length <= 0) {
            return false; // chunked: its length is known only at its end
        }
        byte[] chunk = new byte[(int) Math.min(8192, length)];
        while (body.size() < length && in.available() > 0) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, length - body.size()));
            if (read < 0) {
                return false;
            }
            body.write(chunk, 0, read);
        }
        return body.size() == length;
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long size) throws IOException {
        response.setHeader("Connection", "close");
        problems.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "body too large",
                "the body has " + size + " bytes or more; at most " + maxBytes + " are accepted (foldwork.max-body-bytes)");
    }

    /** Takes what the connection has whenever it has something; done at the end, the limit or the deadline. */
    private final class Reader implements ReadListener, AsyncListener {
        private final AsyncContext async;
        private final ServletInputStream in;
        private final ByteArrayOutputStream body;
        private final byte[] chunk = new byte[8192];
        private boolean done;

        Reader(AsyncContext async, ServletInputStream in, ByteArrayOutputStream arrived) {
            this.async = async;
            this.in = in;
            this.body = arrived;
        }

        @Override
        public synchronized void onDataAvailable() throws IOException {
            while (!done && in.isReady()) {
                int read = in.read(chunk);
                if (read < 0) {
                    return;
                }
                body.write(chunk, 0, read);
                if (body.size() > maxBytes) {
                    done = true;
                    tooLarge((HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse(), body.size());
                    async.complete();
                    return;
                }
            }
        }

        @Override
        public synchronized void onAllDataRead() {
            if (!done) {
                done = true;
                async.getRequest().setAttribute(BODY_ATTRIBUTE, body.toByteArray());
                async.dispatch();
            }
        }

        @Override
        public synchronized void onError(Throwable failure) {
            if (!done) {
                done = true;
                async.complete(); // the client went away or broke the body: nothing to answer
            }
        }

        @Override
        public synchronized void onTimeout(AsyncEvent event) throws IOException {
            if (!done) {
                done = true;
                HttpServletResponse response = (HttpServletResponse) async.getResponse();
                response.setHeader("Connection", "close");
                problems.write((HttpServletRequest) async.getRequest(), response, HttpStatus.REQUEST_TIMEOUT, "body too slow",
                        "the body did not arrive within " + deadline.toMillis() + " ms; send it at once");
            }
            async.complete();
        }

        @Override
        public void onComplete(AsyncEvent event) {
            // Nothing held: the body buffer goes with this listener.
        }

        @Override
        public void onError(AsyncEvent event) {
            onError(event.getThrowable());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // The dispatch that follows a complete body starts nothing again.
        }
    }
}
