package dev.foldwork.core.service.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The stream writer's Lua scripts, loaded once and called by SHA; after a Redis restart or
 * SCRIPT FLUSH (NOSCRIPT) the call is sent again as EVAL. Values travel as KEYS and ARGV only.
 */
final class WriterScripts {
    enum Script {
        SEQUENCE("sequence.lua"),
        CLAIM("claim.lua"),
        DONE("done.lua");

        final String file;

        Script(String file) {
            this.file = file;
        }
    }

    private record Loaded(String text, String sha) {}

    private final RedisAsyncCommands<String, String> redis;
    private final Map<Script, Loaded> scripts = new EnumMap<>(Script.class);

    WriterScripts(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
        for (Script script : Script.values()) {
            String text = resource(script.file);
            scripts.put(script, new Loaded(text, redis.scriptLoad(text).toCompletableFuture().join()));
        }
    }

    CompletableFuture<List<Object>> run(Script script, List<String> keys, List<String> args) {
        Loaded loaded = scripts.get(script);
        String[] k = keys.toArray(String[]::new);
        String[] a = args.toArray(String[]::new);
        return redis.<List<Object>>evalsha(loaded.sha, ScriptOutputType.MULTI, k, a).toCompletableFuture()
                .handle((result, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(result);
                    }
                    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                    if (cause instanceof RedisNoScriptException) {
                        return redis.<List<Object>>eval(loaded.text, ScriptOutputType.MULTI, k, a).toCompletableFuture();
                    }
                    return CompletableFuture.<List<Object>>failedFuture(cause);
                }).thenCompose(f -> f);
    }

    private static String resource(String name) {
        try (InputStream in = WriterScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("stream writer script " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read stream writer script " + name, e);
        }
    }
}
