package dev.foldwork.starter.http;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.service.CommandReceipt;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.ServesCommandsCondition;
import dev.foldwork.starter.metrics.CommandMetrics;
import dev.foldwork.starter.security.RequestTenant;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/pipelines/{pipeline}/commands/{command}}: 202 with the events' ids, once they
 * are stored, or for an ingestion command once their stream's writer accepted them ({@code stored}
 * false; see {@link EventSourcingService#submit}).
 */
@RestController
@Conditional(ServesCommandsCondition.class)
public class CommandController {
    private static final ObjectWriter RECEIPTS = Json.mapper().writerFor(CommandReceipt.class);

    private final EventSourcingService service;
    private final FoldworkProperties properties;
    private final CommandMetrics metrics;

    public CommandController(EventSourcingService service, FoldworkProperties properties, CommandMetrics metrics) {
        this.service = service;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * The receipt goes out as bytes written here: through Spring's message converters (each asked
     * whether it writes a {@code CommandReceipt}, then Jackson's) it took 9% of a command's CPU
     * samples in the memory mode.
     */
    @PostMapping("/api/v1/pipelines/{pipeline}/commands/{command}")
    public ResponseEntity<byte[]> send(@PathVariable String pipeline, @PathVariable String command,
                                       HttpServletRequest request) throws IOException {
        TenantId tenant = RequestTenant.require(request);
        Command sent = new Command(tenant, pipeline, command, RequestBodies.readJsonObject(request, properties.maxBodyBytes()));
        CommandReceipt receipt = metrics.timed(sent, () -> service.submit(sent));
        return ResponseEntity.status(HttpStatus.ACCEPTED).contentType(MediaType.APPLICATION_JSON)
                .body(RECEIPTS.writeValueAsBytes(receipt));
    }
}
