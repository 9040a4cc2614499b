package dev.foldwork.starter.security;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.starter.settings.FoldworkProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Maps a key to its caller: a tenant ({@code foldwork.api-keys}) or an operator
 * ({@code foldwork.admin-keys}). Only SHA-256 hashes of keys are held; a presented key is hashed
 * and compared with every configured hash in constant time, so neither a match nor its position
 * shows in the timing.
 */
public final class ApiKeys {
    private record Entry(byte[] hash, Caller caller) {}

    private final List<Entry> entries = new ArrayList<>();

    public ApiKeys(List<FoldworkProperties.ApiKey> tenantKeys, List<FoldworkProperties.AdminKey> adminKeys) {
        for (FoldworkProperties.ApiKey key : tenantKeys) {
            if (key.tenant() == null || key.sha256() == null) {
                throw new IllegalArgumentException("every foldwork.api-keys entry needs a tenant and a sha256");
            }
            entries.add(new Entry(parse("foldwork.api-keys: the sha256 of tenant " + key.tenant(), key.sha256()),
                    new Caller.Tenant(TenantId.of(key.tenant()))));
        }
        for (int i = 0; i < adminKeys.size(); i++) {
            String setting = "foldwork.admin-keys[" + i + "].sha256";
            if (adminKeys.get(i).sha256() == null) {
                throw new IllegalArgumentException(setting + " is missing");
            }
            entries.add(new Entry(parse(setting, adminKeys.get(i).sha256()), new Caller.Admin()));
        }
    }

    public boolean hasTenantKeys() {
        return entries.stream().anyMatch(e -> e.caller() instanceof Caller.Tenant);
    }

    public Optional<Caller> callerOf(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        Caller found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
                found = entry.caller();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] parse(String setting, String hex) {
        byte[] hash;
        try {
            hash = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not hex");
        }
        if (hash.length != 32) {
            throw new IllegalArgumentException(setting + " must be 64 hex characters, was " + hex.length());
        }
        return hash;
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
