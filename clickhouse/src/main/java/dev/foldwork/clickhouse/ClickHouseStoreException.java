package dev.foldwork.clickhouse;

import dev.foldwork.core.stores.StoreException;

/** A ClickHouse store could not do what was asked; the message names the server and the table. */
public class ClickHouseStoreException extends StoreException {
    public ClickHouseStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClickHouseStoreException(String message) {
        super(message);
    }
}
