package dev.foldwork.service.traces;

import dev.foldwork.pipelines.trace.index.TraceCursor;
import dev.foldwork.pipelines.trace.index.TraceIndex;
import dev.foldwork.pipelines.trace.index.TracePage;
import dev.foldwork.pipelines.trace.index.TraceQuery;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.security.RequestTenant;
import dev.foldwork.starter.settings.ServesCommandsCondition;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the caller's traces with their summary fields, newest first, a page at a time, from the
 * trace index. A parameter given empty does not filter; a bad one is a 400 naming it.
 */
@RestController
@Conditional(ServesCommandsCondition.class)
public class TraceListController {
    private final TraceIndex index;

    public TraceListController(TraceIndex index) {
        this.index = index;
    }

    @GetMapping("/api/v1/pipelines/trace/aggregates")
    public ResponseEntity<TracePage> list(@RequestParam(required = false) String from,
                                          @RequestParam(required = false) String to,
                                          @RequestParam(required = false) String userId,
                                          @RequestParam(required = false) String threadId,
                                          @RequestParam(required = false) String label,
                                          @RequestParam(required = false) String model,
                                          @RequestParam(required = false) String hasError,
                                          @RequestParam(required = false) String minCost,
                                          @RequestParam(required = false) String limit,
                                          @RequestParam(required = false) String cursor,
                                          HttpServletRequest request) {
        TraceQuery query = new TraceQuery(time("from", from), time("to", to), text(userId), text(threadId), text(label),
                text(model), bool("hasError", hasError), minCost(minCost), limit(limit), cursor(cursor));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(index.query(RequestTenant.require(request), query));
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** Epoch milliseconds or an ISO-8601 instant such as 2026-12-03T14:00:00Z. */
    private static Long time(String field, String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Long.parseLong(value) : Instant.parse(value).toEpochMilli();
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
            throw new ApiException.BadParameter(field + " must be epoch milliseconds or an ISO-8601 instant such as"
                    + " 2026-12-03T14:00:00Z, was \"" + value + "\"");
        }
    }

    private static Boolean bool(String field, String value) {
        if (text(value) == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ApiException.BadParameter(field + " must be true or false, was \"" + value + "\"");
        };
    }

    private static Double minCost(String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            double cost = Double.parseDouble(value);
            if (cost >= 0 && Double.isFinite(cost)) {
                return cost;
            }
        } catch (NumberFormatException e) {
            // the one message below
        }
        throw new ApiException.BadParameter("minCost must be a number of 0 or more, was \"" + value + "\"");
    }

    private static int limit(String value) {
        if (text(value) == null) {
            return TraceQuery.DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= TraceQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // the one message below
        }
        throw new ApiException.BadParameter("limit must be 1 to " + TraceQuery.MAX_LIMIT + ", was \"" + value + "\"");
    }

    private static TraceCursor cursor(String value) {
        if (text(value) == null) {
            return null;
        }
        try {
            return TraceCursor.decode(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadParameter(e.getMessage());
        }
    }
}
