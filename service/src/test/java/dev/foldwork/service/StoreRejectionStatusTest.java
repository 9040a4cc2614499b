package dev.foldwork.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.clickhouse.ClickHouseRejectedException;
import dev.foldwork.clickhouse.ClickHouseStoreException;
import dev.foldwork.core.service.AcceptedNotStoredException;
import dev.foldwork.starter.problem.ApiExceptionHandler;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;

/** A store that refuses the data is the client's error (400); a store that failed, or a write not stored yet, is 503. */
class StoreRejectionStatusTest {
    private final ExceptionHandlerMethodResolver resolver = new ExceptionHandlerMethodResolver(ApiExceptionHandler.class);

    @Test
    void aRejectionIsHandledAsABadRequestAndAFailureAsUnavailable() throws Exception {
        ApiExceptionHandler handler = new ApiExceptionHandler();
        assertThat(status(handler, new ClickHouseRejectedException("refused", null))).isEqualTo(400);
        assertThat(status(handler, new ClickHouseStoreException("down"))).isEqualTo(503);
    }

    @Test
    void aWriteAcceptedButNotStoredYetIsUnavailableAndSaysARetryMayStoreItTwice() throws Exception {
        var response = answer(new ApiExceptionHandler(), new AcceptedNotStoredException("the write to t:trace:x was accepted"
                + " but not stored within 30 s; its writer stores it once the store takes it"));
        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(((ProblemDetail) response.getBody()).getDetail())
                .contains("accepted but not stored within 30 s").contains("sending it again may store it twice")
                .doesNotContain("nothing was stored");
    }

    private int status(ApiExceptionHandler handler, Exception e) throws Exception {
        return answer(handler, e).getStatusCode().value();
    }

    private ResponseEntity<?> answer(ApiExceptionHandler handler, Exception e) throws Exception {
        Method method = resolver.resolveMethodByThrowable(e);
        method.setAccessible(true);
        return (ResponseEntity<?>) method.invoke(handler, e);
    }
}
