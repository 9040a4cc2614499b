package dev.foldwork.starter.config;

import io.temporal.testserver.TestServer;
import java.io.Closeable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's test server inside this process, on a port of 127.0.0.1 like a real frontend, so
 * the Temporal CLI and UI can attach to the embedded default. It keeps everything in memory.
 */
public final class EmbeddedTemporal implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

    private final TestServer.PortBoundTestServer server;

    public EmbeddedTemporal(int port) {
        this.server = TestServer.createPortBoundServer(port);
        log.info("embedded Temporal test server listening on 127.0.0.1:{} (in memory; for development)", port);
    }

    @Override
    public void close() {
        server.close();
    }
}
