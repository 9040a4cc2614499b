package dev.foldwork.clickhouse;

import com.clickhouse.client.api.ServerException;
import java.util.Set;

/**
 * ClickHouse refused the rows of one write because of what they hold (text it cannot parse, a
 * value out of range), not because it is down: retrying will not help, and the caller sent
 * something the store cannot take. Other writes batched with it are stored without it.
 */
public class ClickHouseRejectedException extends ClickHouseStoreException {
    /**
     * ClickHouse error codes that mean "this data", not "this server": CANNOT_PARSE_TEXT,
     * CANNOT_PARSE_ESCAPE_SEQUENCE, CANNOT_PARSE_QUOTED_STRING, CANNOT_PARSE_INPUT_ASSERTION_FAILED,
     * CANNOT_PARSE_DATE, CANNOT_PARSE_DATETIME, TYPE_MISMATCH, ARGUMENT_OUT_OF_BOUND,
     * CANNOT_CONVERT_TYPE, CANNOT_PARSE_NUMBER, INCORRECT_DATA, TOO_LARGE_STRING_SIZE.
     */
    private static final Set<Integer> DATA_ERRORS = Set.of(6, 25, 26, 27, 38, 41, 53, 69, 70, 72, 117, 131);

    public ClickHouseRejectedException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether a failure is the server refusing the data it was sent: by its error code, or, from a
     * server that sends no code header (18.16), by an HTTP 400 answer.
     */
    static boolean isDataError(Throwable failure) {
        ServerException server = serverException(failure);
        if (server == null) {
            return false;
        }
        return server.getCode() == ServerException.CODE_UNKNOWN
                ? server.getTransportProtocolCode() == 400
                : DATA_ERRORS.contains(server.getCode());
    }

    /** Whether the server answered at all (a refusal of any kind), as opposed to being unreachable. */
    static boolean isServerRefusal(Throwable failure) {
        return serverException(failure) != null;
    }

    private static ServerException serverException(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ServerException server) {
                return server;
            }
        }
        return null;
    }
}
