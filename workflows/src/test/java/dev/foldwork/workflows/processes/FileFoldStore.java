package dev.foldwork.workflows.processes;

import dev.foldwork.core.domain.AggregateType;
import dev.foldwork.core.domain.StreamId;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.stores.FoldStore;
import dev.foldwork.core.stores.StoredFold;
import dev.foldwork.core.stores.StrayPositions;
import dev.foldwork.core.stores.VersionBands;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fold states as one JSON file each, replaced atomically: a store that outlives a killed worker
 * process and that the test process reads. The highest version wins, as in the real stores.
 */
public final class FileFoldStore implements FoldStore {
    private final Path dir;

    public FileFoldStore(Path dir) {
        this.dir = dir;
    }

    @Override
    public Optional<StoredFold> get(TenantId tenantId, String projection, String aggregateKey) {
        Path file = file(tenantId, projection, aggregateKey);
        try {
            return Files.exists(file)
                    ? Optional.of(Json.mapper().readValue(file.toFile(), StoredFold.class))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void store(TenantId tenantId, String projection, String aggregateKey, StoredFold fold) {
        Optional<StoredFold> current = get(tenantId, projection, aggregateKey);
        if (current.isPresent() && current.get().version() > fold.version()) {
            return;
        }
        Path file = file(tenantId, projection, aggregateKey);
        try {
            Path temp = Files.createTempFile(dir, "fold", ".tmp");
            Files.writeString(temp, Json.mapper().writeValueAsString(fold));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized Map<StreamId, Long> streamPositions(TenantId tenantId, String projection, String aggregateKey,
                                                            Collection<StreamId> streams, long atOrBelowVersion) {
        Map<StreamId, Long> found = new LinkedHashMap<>();
        for (StreamId stream : streams) {
            Path file = positionFile(tenantId, projection, aggregateKey, stream);
            try {
                if (Files.exists(file)) {
                    long latestVersion = -1;
                    for (String line : Files.readAllLines(file)) { // the latest version's seq, ties by seq
                        String[] versionAndSeq = line.split(" ");
                        long version = Long.parseLong(versionAndSeq[0]);
                        long seq = Long.parseLong(versionAndSeq[1]);
                        if (version <= atOrBelowVersion && version >= VersionBands.start(atOrBelowVersion) && (version > latestVersion
                                || version == latestVersion && seq > found.get(stream))) {
                            latestVersion = version;
                            found.put(stream, seq);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /** One line "version seq" per write, appended; a line is short enough to be written whole. */
    @Override
    public synchronized void storeStreamPositions(TenantId tenantId, String projection, String aggregateKey, long version,
                                                  Map<StreamId, Long> positions) {
        positions.forEach((stream, seq) -> {
            try {
                Files.writeString(positionFile(tenantId, projection, aggregateKey, stream), version + " " + seq + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Files.writeString(positionLog(tenantId, projection, aggregateKey),
                        version + " " + stream.aggregateType().value() + " " + stream.aggregateId() + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Reads the key's log of position writes: one line "version type id" per stream and write. */
    @Override
    public synchronized StrayPositions strayPositions(TenantId tenantId, String projection, String aggregateKey, long version) {
        Path log = positionLog(tenantId, projection, aggregateKey);
        Set<StreamId> streams = new LinkedHashSet<>();
        long highest = 0;
        try {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    String[] versionTypeId = line.split(" ", 3);
                    long written = Long.parseLong(versionTypeId[0]);
                    if (written > version && written < VersionBands.end(version)) {
                        streams.add(new StreamId(tenantId, AggregateType.of(versionTypeId[1]), versionTypeId[2]));
                        highest = Math.max(highest, written);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return streams.isEmpty() ? StrayPositions.NONE : new StrayPositions(highest, streams);
    }

    private Path positionLog(TenantId tenantId, String projection, String aggregateKey) {
        String name = String.join("~", tenantId.value(), projection, aggregateKey);
        return dir.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8) + ".positionlog");
    }

    private Path positionFile(TenantId tenantId, String projection, String aggregateKey, StreamId stream) {
        String name = String.join("~", tenantId.value(), projection, aggregateKey, stream.toString());
        return dir.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8) + ".positions");
    }

    private Path file(TenantId tenantId, String projection, String aggregateKey) {
        String name = String.join("~", tenantId.value(), projection, aggregateKey);
        return dir.resolve(URLEncoder.encode(name, StandardCharsets.UTF_8) + ".json");
    }
}
