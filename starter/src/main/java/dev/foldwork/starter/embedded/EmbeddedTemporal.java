package dev.foldwork.starter.embedded;

import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.InProcessGRPCServer;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's test server inside this process, on a port of one address (127.0.0.1 unless
 * configured otherwise) like a real frontend, so the Temporal CLI and UI can attach to the
 * embedded default. It keeps everything in memory and has no credentials, which is why it must
 * not listen on every interface: {@code TestServer.createPortBoundServer} binds the wildcard
 * address, so this builds the same gRPC server around the test services on one address.
 * This process's own client and worker reach the same services through an in-process channel
 * ({@link #channel}): no sockets, no second serialization, which on a 2-core machine left a third
 * of the embedded default's CPU to netty.
 */
public final class EmbeddedTemporal implements Closeable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

    private final TestServicesStarter services;
    private final Server server;
    private final InProcessGRPCServer inProcess;

    public EmbeddedTemporal(String bindAddress, int port) {
        // Time skipping locked, as TestServer's own port-bound server does: the server's clock is the
        // wall clock, like a real frontend's, so idle timeouts and debounce delays take their time.
        this.services = new TestServicesStarter(true, 0);
        TestServerLockLog.bound(services);
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port),
                InsecureServerCredentials.create());
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            this.server = builder.build().start();
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("the embedded Temporal test server could not listen on " + bindAddress + ":" + port, e);
        }
        this.inProcess = new InProcessGRPCServer(services.getServices());
        log.info("embedded Temporal test server listening on {}:{} (in memory, no credentials; for development)", bindAddress, port);
    }

    /** The test services without a socket, for this process's client and worker. */
    public ManagedChannel channel() {
        return inProcess.getChannel();
    }

    @Override
    public void close() {
        inProcess.shutdown();
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("the embedded Temporal test server did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            services.close();
            server.shutdownNow();
            inProcess.shutdownNow();
        }
    }
}
