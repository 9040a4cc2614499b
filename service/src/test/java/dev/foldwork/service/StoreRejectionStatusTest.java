package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.clickhouse.ClickHouseRejectedException;
import dev.foldwork.clickhouse.ClickHouseStoreException;
import dev.foldwork.starter.problem.ApiExceptionHandler;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/** A store that refuses the data is the client's error (400); only a store that failed is 503. */
class StoreRejectionStatusTest {
    private final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ApiExceptionHandler.class);

    @Test
    void aRejectionIsHandledAsABadRequestAndAFailureAsUnavailable() throws Exception {
        ApiExceptionHandler handler = new ApiExceptionHandler();
        assertThat(status(handler, new ClickHouseRejectedException("refused", null))).isEqualTo(400);
        assertThat(status(handler, new ClickHouseStoreException("down"))).isEqualTo(503);
    }

    private int status(ApiExceptionHandler handler, Exception e) throws Exception {
        Method method = resolver.resolveMethodByThrowable(e);
        method.setAccessible(true);
        var response = (org.springframework.http.ResponseEntity<?>) method.invoke(handler, e);
        return response.getStatusCode().value();
    }
}
