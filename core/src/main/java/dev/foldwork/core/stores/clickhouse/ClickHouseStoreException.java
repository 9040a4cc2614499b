package dev.foldwork.core.stores.clickhouse;

/** A ClickHouse store could not do what was asked; the message names the server and the table. */
public class ClickHouseStoreException extends RuntimeException {
    public ClickHouseStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClickHouseStoreException(String message) {
        super(message);
    }
}
