package dev.foldwork.redis.groupqueue;

import dev.foldwork.redis.LuaScript;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The queue's Lua scripts: each is {@code lib.lua} followed by its own file, a {@link LuaScript}
 * (by SHA, again as EVAL after NOSCRIPT). Values always travel as ARGV.
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

    private final RedisAsyncCommands<String, String> redis;
    private final String[] keys;
    private final Map<Script, LuaScript> scripts = new EnumMap<>(Script.class);

    GroupQueueScripts(RedisAsyncCommands<String, String> redis, QueueKeys keys) {
        this.redis = redis;
        this.keys = keys.fixedKeys();
        String lib = LuaScript.resource(GroupQueueScripts.class, "lib.lua");
        for (Script script : Script.values()) {
            scripts.put(script, LuaScript.load(redis, lib + "\n" + LuaScript.resource(GroupQueueScripts.class, script.file)));
        }
    }

    /** Runs a script with ARGV {@code args} (the caller puts the key prefix first). */
    <T> CompletableFuture<T> run(Script script, String... args) {
        return scripts.get(script).run(redis, script.output, keys, args);
    }
}
