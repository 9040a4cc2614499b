package dev.foldwork.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script loaded into Redis once and called by SHA. After a Redis restart or SCRIPT FLUSH
 * the SHA is unknown (NOSCRIPT); the call is then sent again as EVAL, which runs it and loads it
 * back into the script cache. Values travel as KEYS and ARGV only; the text never changes.
 */
public record LuaScript(String text, String sha) {

    public static LuaScript load(RedisAsyncCommands<String, String> redis, String text) {
        return new LuaScript(text, redis.scriptLoad(text).toCompletableFuture().join());
    }

    /** The text of a script stored as a resource beside {@code owner}. */
    public static String resource(Class<?> owner, String name) {
        try (InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Lua script " + name + " is missing from the classpath beside "
                        + owner.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Lua script " + name, e);
        }
    }

    public <T> CompletableFuture<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType output,
                                        String[] keys, String[] args) {
        return redis.<T>evalsha(sha, output, keys, args).toCompletableFuture().handle((result, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(result);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(text, output, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(f -> f);
    }
}
