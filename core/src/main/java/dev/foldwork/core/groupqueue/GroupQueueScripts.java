package dev.foldwork.core.groupqueue;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The queue's Lua scripts: each is {@code lib.lua} followed by its own file, loaded into Redis
 * once and called by SHA. After a Redis restart or SCRIPT FLUSH the SHA is unknown (NOSCRIPT);
 * the call is then sent again as EVAL, which runs it and loads it back into the script cache.
 * Values always travel as ARGV; the script text never changes.
 */
final class GroupQueueScripts {
    enum Script {
        STAGE("stage.lua", ScriptOutputType.MULTI),
        CLAIM("claim.lua", ScriptOutputType.MULTI),
        COMPLETE("complete.lua", ScriptOutputType.MULTI),
        EXTEND("extend.lua", ScriptOutputType.MULTI),
        PAUSE("pause.lua", ScriptOutputType.INTEGER),
        PARKED("parked.lua", ScriptOutputType.INTEGER),
        DEAD("dead.lua", ScriptOutputType.INTEGER);

        final String file;
        final ScriptOutputType output;

        Script(String file, ScriptOutputType output) {
            this.file = file;
            this.output = output;
        }
    }

    private record Loaded(String text, String sha) {}

    private final RedisAsyncCommands<String, String> redis;
    private final String[] keys;
    private final Map<Script, Loaded> scripts = new EnumMap<>(Script.class);

    GroupQueueScripts(RedisAsyncCommands<String, String> redis, QueueKeys keys) {
        this.redis = redis;
        this.keys = keys.fixedKeys();
        String lib = resource("lib.lua");
        for (Script script : Script.values()) {
            String text = lib + "\n" + resource(script.file);
            String sha = redis.scriptLoad(text).toCompletableFuture().join();
            scripts.put(script, new Loaded(text, sha));
        }
    }

    /** Runs a script with ARGV {@code args} (the caller puts the key prefix and clock first). */
    <T> CompletableFuture<T> run(Script script, String... args) {
        Loaded loaded = scripts.get(script);
        CompletableFuture<T> bySha = redis.<T>evalsha(loaded.sha, script.output, keys, args).toCompletableFuture();
        return bySha.handle((result, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(result);
            }
            if (unwrap(error) instanceof RedisNoScriptException) {
                return redis.<T>eval(loaded.text, script.output, keys, args).toCompletableFuture();
            }
            return CompletableFuture.<T>failedFuture(unwrap(error));
        }).thenCompose(f -> f);
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private static String resource(String name) {
        try (InputStream in = GroupQueueScripts.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("group queue script " + name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read group queue script " + name, e);
        }
    }
}
