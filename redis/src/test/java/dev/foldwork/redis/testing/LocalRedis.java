package dev.foldwork.redis.testing;

import dev.foldwork.redis.groupqueue.QueueKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The Redis the tests use: 127.0.0.1:6379, or the port in FOLDWORK_REDIS_PORT (scripts/test
 * makes sure one answers). A test that needs it fails loudly when it does not answer.
 */
public final class LocalRedis {
    private LocalRedis() {}

    public static int port() {
        String port = System.getenv("FOLDWORK_REDIS_PORT");
        return port == null || port.isBlank() ? 6379 : Integer.parseInt(port);
    }

    public static RedisClient client() {
        return client(port());
    }

    public static RedisClient client(int port) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withTimeout(Duration.ofSeconds(20)).build());
        try (var connection = client.connect()) {
            connection.sync().ping();
        } catch (RuntimeException e) {
            client.shutdown();
            throw new IllegalStateException("no Redis answers on 127.0.0.1:" + port
                    + "; run the tests through scripts/test, which starts one", e);
        }
        return client;
    }

    /** Deletes every key of a queue (its keys share the prefix {@code fw:{<queue>}:}). */
    public static void deleteQueue(RedisClient client, String queue) {
        try (var connection = client.connect()) {
            var redis = connection.sync();
            List<String> keys = redis.keys(new QueueKeys(queue).prefix() + "*");
            if (!keys.isEmpty()) {
                redis.del(keys.toArray(String[]::new));
            }
        }
    }

    /** A queue name no other test run uses, so tests never share keys. */
    public static String uniqueQueue(String test) {
        return "t-" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
