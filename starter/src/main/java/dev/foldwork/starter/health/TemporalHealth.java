package dev.foldwork.starter.health;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** Up when the Temporal frontend answers. */
public final class TemporalHealth implements HealthIndicator {
    private final WorkflowServiceStubs service;
    private final String target;

    public TemporalHealth(WorkflowServiceStubs service, String target) {
        this.service = service;
        this.target = target;
    }

    @Override
    public Health health() {
        try {
            service.blockingStub().withDeadlineAfter(3, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return Health.up().withDetail("target", target).build();
        } catch (RuntimeException e) {
            return Health.down().withDetail("target", target).withDetail("error", String.valueOf(e.getMessage())).build();
        }
    }
}
