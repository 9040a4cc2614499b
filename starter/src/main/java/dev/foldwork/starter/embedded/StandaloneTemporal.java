package dev.foldwork.starter.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's test server (from temporal-testing) as a process of its own, for web and worker
 * processes that share one Temporal: the split service benchmark and the fleet tests. It is the
 * {@link EmbeddedTemporal} of this project rather than {@code io.temporal.testserver.TestServer},
 * because that one keeps a lock log that grows by every task and slows every request the longer
 * it runs ({@link TestServerLockLog} bounds it). Listens on 127.0.0.1 and the port given as the
 * only argument until the process is killed.
 */
public final class StandaloneTemporal {
    private static final Logger log = LoggerFactory.getLogger(StandaloneTemporal.class);

    private StandaloneTemporal() {}

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: StandaloneTemporal <port>");
        }
        int port = Integer.parseInt(args[0]);
        EmbeddedTemporal server = new EmbeddedTemporal("127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "standalone-temporal-stop"));
        log.info("standalone Temporal test server on 127.0.0.1:{} until this process is stopped", port);
        Thread.currentThread().join(); // until killed: the gRPC server's threads are daemons
    }
}
