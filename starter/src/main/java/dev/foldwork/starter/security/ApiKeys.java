package dev.foldwork.starter.security;

import dev.foldwork.core.domain.TenantId;
import dev.foldwork.starter.config.FoldworkProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Maps an API key to its tenant. Only SHA-256 hashes of keys are held; a presented key is hashed
 * and compared with every configured hash in constant time, so neither a match nor its position
 * shows in the timing.
 */
public final class ApiKeys {
    private record Entry(byte[] hash, TenantId tenant) {}

    private final List<Entry> entries = new ArrayList<>();

    public ApiKeys(List<FoldworkProperties.ApiKey> configured) {
        for (FoldworkProperties.ApiKey key : configured) {
            if (key.tenant() == null || key.sha256() == null) {
                throw new IllegalArgumentException("every foldwork.api-keys entry needs a tenant and a sha256");
            }
            byte[] hash;
            try {
                hash = HexFormat.of().parseHex(key.sha256());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("foldwork.api-keys: the sha256 of tenant " + key.tenant() + " is not hex");
            }
            if (hash.length != 32) {
                throw new IllegalArgumentException("foldwork.api-keys: the sha256 of tenant " + key.tenant()
                        + " must be 64 hex characters, was " + key.sha256().length());
            }
            entries.add(new Entry(hash, TenantId.of(key.tenant())));
        }
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public Optional<TenantId> tenantOf(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        TenantId found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.hash(), presented) && found == null) {
                found = entry.tenant();
            }
        }
        return Optional.ofNullable(found);
    }

    public static String sha256Hex(String key) {
        return HexFormat.of().formatHex(sha256(key));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
