package dev.foldwork.redis.writer;

import dev.foldwork.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The stream writer's Lua scripts, each a {@link LuaScript} (by SHA, again as EVAL after
 * NOSCRIPT). Values travel as KEYS and ARGV only.
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

    private final RedisAsyncCommands<String, String> redis;
    private final Map<Script, LuaScript> scripts = new EnumMap<>(Script.class);

    WriterScripts(RedisAsyncCommands<String, String> redis) {
        this.redis = redis;
        for (Script script : Script.values()) {
            scripts.put(script, LuaScript.load(redis, LuaScript.resource(WriterScripts.class, script.file)));
        }
    }

    CompletableFuture<List<Object>> run(Script script, List<String> keys, List<String> args) {
        return scripts.get(script).run(redis, ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray(String[]::new));
    }
}
