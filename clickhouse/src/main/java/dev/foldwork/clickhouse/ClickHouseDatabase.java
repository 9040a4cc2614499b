package dev.foldwork.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.ServerException;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.data.ClickHouseFormat;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.foldwork.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One ClickHouse database reached over HTTP with client-v2. Queries read rows as
 * {@code FORMAT JSONEachRow} and inserts send JSONEachRow bodies: both work the same on 18.16
 * and on current servers. Every failure becomes a {@link ClickHouseStoreException} naming the URL.
 */
public final class ClickHouseDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseDatabase.class);

    private final ClickHouseSettings settings;
    private final Client client;

    ClickHouseDatabase(ClickHouseSettings settings) {
        this.settings = settings;
        this.client = new Client.Builder()
                .addEndpoint(settings.url())
                .setUsername(settings.username())
                .setPassword(settings.password())
                .compressServerResponse(settings.compressResponses())
                .setSocketTimeout(settings.socketTimeout().toMillis(), ChronoUnit.MILLIS)
                .setConnectTimeout(5, ChronoUnit.SECONDS)
                .build();
    }

    /**
     * Connects, checks that a query's rows really come back, and brings the schema up to date.
     * ClickHouse 18.16's compressed answers arrive empty, which would make every read look like
     * missing data: if they do, compression is turned off ({@link #settings()} shows it).
     */
    public static ClickHouseDatabase open(ClickHouseSettings settings) {
        ClickHouseDatabase database = connect(settings);
        try {
            database.execute("CREATE DATABASE IF NOT EXISTS " + settings.database());
            ClickHouseMigrations.apply(database);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public ClickHouseSettings settings() {
        return settings;
    }

    private static ClickHouseDatabase connect(ClickHouseSettings settings) {
        ClickHouseDatabase database = new ClickHouseDatabase(settings);
        try {
            if (settings.compressResponses() && !database.readsBack()) {
                database.close();
                database = new ClickHouseDatabase(settings.withCompressResponses(false));
                LOG.warn("ClickHouse at " + settings.url() + " sends compressed answers that arrive empty (as 18.16 does);"
                        + " reading without compression");
            }
            database.ping();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Throws a {@link ClickHouseStoreException} naming the URL unless the server answers a query
     * with its row: an answer that arrives empty is a failure, not a health.
     */
    public void ping() {
        if (!readsBack()) {
            throw new ClickHouseStoreException("ClickHouse at " + settings.url() + " answered SELECT 1 without its row"
                    + (settings.compressResponses() ? "; compressed answers arrive empty from old servers such as 18.16:"
                            + " turn compressResponses off" : ""));
        }
    }

    private boolean readsBack() {
        List<JsonNode> rows = queryRows("SELECT 1 AS ok");
        return rows.size() == 1 && rows.get(0).path("ok").asInt() == 1;
    }

    /** A table of this database, qualified for SQL text (the database name is validated). */
    public String table(String name) {
        return settings.database() + "." + name;
    }

    /**
     * Runs a statement. Public, like {@link #queryRows} and {@link #table}, for modules that keep
     * tables of their own here (the trace index); values enter the SQL only through {@link SqlLiteral}.
     */
    public void execute(String sql) {
        try (CommandResponse ignored = await(client.execute(sql), "run \"" + firstLine(sql) + "\"")) {
            // Only success matters; closing releases the connection.
        } catch (Exception e) {
            throw asStoreException(e, "run \"" + firstLine(sql) + "\"");
        }
    }

    /** Runs a SELECT (without a FORMAT clause) and returns its rows as JSON objects. */
    public List<JsonNode> queryRows(String select) {
        String sql = select + " FORMAT JSONEachRow";
        try (QueryResponse response = await(client.query(sql), "run \"" + firstLine(select) + "\"");
                InputStream body = response.getInputStream();
                MappingIterator<JsonNode> rows = Json.mapper().readerFor(JsonNode.class).readValues(body)) {
            List<JsonNode> result = new ArrayList<>();
            while (rows.hasNextValue()) {
                result.add(rows.nextValue());
            }
            return result;
        } catch (IOException e) {
            throw new ClickHouseStoreException("ClickHouse at " + settings.url() + ": cannot read the rows of \""
                    + firstLine(select) + "\": " + e.getMessage(), e);
        } catch (Exception e) {
            throw asStoreException(e, "read");
        }
    }

    /** Inserts a JSONEachRow body into one table as one insert. */
    void insertJsonRows(String table, byte[] body) {
        try (InsertResponse ignored = await(client.insert(table(table), out -> out.write(body),
                ClickHouseFormat.JSONEachRow, new InsertSettings()),
                "insert into " + table(table))) {
            // The response carries nothing we need; closing it releases the connection.
        } catch (Exception e) {
            throw asStoreException(e, "insert");
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        // The client tries a request up to four times, each bounded by the socket timeout.
        long limitMillis = settings.socketTimeout().toMillis() * 4;
        try {
            return future.get(limitMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ClickHouseStoreException("ClickHouse at " + settings.url() + " did not answer within "
                    + limitMillis + " ms to " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClickHouseStoreException("interrupted while waiting for ClickHouse at " + settings.url()
                    + " to " + what, e);
        } catch (RuntimeException e) {
            throw failure(what, e);
        }
    }

    private ClickHouseStoreException failure(String what, Throwable cause) {
        if (cause instanceof ClickHouseStoreException known) {
            return known;
        }
        String reason = cause instanceof ServerException server
                ? "the server refused it: " + server.getMessage()
                : "the server is unreachable or failed (" + rootMessage(cause) + ")";
        return new ClickHouseStoreException("ClickHouse at " + settings.url() + ": cannot " + what + ": " + reason, cause);
    }

    private ClickHouseStoreException asStoreException(Exception e, String what) {
        return e instanceof ClickHouseStoreException known ? known : failure(what, e);
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static String firstLine(String sql) {
        String line = sql.strip().lines().findFirst().orElse("");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }

    /** Drops this database with every table in it: for tests and benchmarks that made their own. */
    public void dropDatabase() {
        execute("DROP DATABASE IF EXISTS " + settings.database());
    }

    @Override
    public void close() {
        client.close();
    }
}
