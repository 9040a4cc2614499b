package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.foldwork.starter.embedded.EmbeddedTemporal;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The embedded Temporal test server has no credentials, so by default it must be reachable only
 * from this machine: its port answers on 127.0.0.1 and not on the machine's other addresses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "foldwork.dispatch=temporal", "foldwork.store=memory", "foldwork.temporal.embedded=true",
})
class EmbeddedTemporalBindTest {
    private static final int PORT = FreePort.find();

    @DynamicPropertySource
    static void temporalPort(DynamicPropertyRegistry registry) {
        registry.add("foldwork.temporal.target", () -> "127.0.0.1:" + PORT);
    }

    @Test
    void theDefaultListensOnLoopbackOnly() {
        InetAddress external = nonLoopbackAddress();
        assertThat(connects(InetAddress.getLoopbackAddress(), PORT)).as("reachable on 127.0.0.1:%d", PORT).isTrue();
        assertThat(connects(external, PORT)).as("reachable on %s:%d", external.getHostAddress(), PORT).isFalse();
    }

    /** The probe itself sees a port that listens on every interface, so the check above can fail. */
    @Test
    void anExplicitBindAddressOptsInToOthers() {
        InetAddress external = nonLoopbackAddress();
        int port = FreePort.find();
        try (EmbeddedTemporal everywhere = new EmbeddedTemporal("0.0.0.0", port)) {
            assertThat(connects(external, port)).as("reachable on %s:%d", external.getHostAddress(), port).isTrue();
        }
    }

    private static InetAddress nonLoopbackAddress() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                        return address;
                    }
                }
            }
        } catch (SocketException e) {
            fail("cannot list the network interfaces: " + e);
        }
        return fail("this machine has no non-loopback IPv4 address to probe the embedded Temporal port from");
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
