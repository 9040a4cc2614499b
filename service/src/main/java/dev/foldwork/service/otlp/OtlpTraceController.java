package dev.foldwork.service.otlp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.foldwork.core.commands.CommandValidationException;
import dev.foldwork.core.domain.Command;
import dev.foldwork.core.domain.TenantId;
import dev.foldwork.core.json.Json;
import dev.foldwork.core.service.AcceptedNotStoredException;
import dev.foldwork.core.service.EventSourcingService;
import dev.foldwork.pipelines.trace.RecordSpansCommand;
import dev.foldwork.pipelines.trace.TracePipeline;
import dev.foldwork.starter.settings.FoldworkProperties;
import dev.foldwork.starter.settings.ServesCommandsCondition;
import dev.foldwork.starter.problem.ApiException;
import dev.foldwork.starter.metrics.CommandMetrics;
import dev.foldwork.starter.security.RequestTenant;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
/**
 * {@code POST /v1/traces}: OTLP/HTTP trace export. The request's spans go, grouped by trace, as one
 * {@code record_spans} command per trace (one write per trace in the Temporal mode). The answer is
 * OTLP's: 200 with an {@code ExportTraceServiceResponse} in the request's encoding, whose
 * {@code partial_success} counts and names the spans refused and why. A failure is answered as
 * OTLP says ({@link OtlpFailures}).
 */
@RestController
@Conditional(ServesCommandsCondition.class)
public class OtlpTraceController {
    /** Refused spans the error message names one by one; the count covers them all. */
    static final int NAMED_REJECTIONS = 20;

    private final EventSourcingService service;
    private final FoldworkProperties properties;
    private final CommandMetrics metrics;

    public OtlpTraceController(EventSourcingService service, FoldworkProperties properties, CommandMetrics metrics) {
        this.service = service;
        this.properties = properties;
        this.metrics = metrics;
    }

    @PostMapping(OtlpRefusals.PATH)
    public ResponseEntity<byte[]> export(HttpServletRequest request) throws IOException {
        TenantId tenant = RequestTenant.require(request);
        OtlpBody.Encoding encoding = OtlpBody.encodingOf(request.getContentType());
        ExportTraceServiceRequest export = OtlpBody.decode(body(request), encoding,
                request.getHeader(HttpHeaders.CONTENT_ENCODING), properties.otlpMaxDecodedBytes());
        OtlpSpans spans = OtlpSpans.of(export);
        List<String> reasons = new ArrayList<>(spans.rejected().stream().map(OtlpSpans.Rejection::toString).toList());
        long rejected = spans.rejected().size();
        int written = 0;
        for (Map.Entry<String, List<ObjectNode>> trace : spans.byTrace().entrySet()) {
            try {
                rejected += write(tenant, trace.getKey(), trace.getValue(), reasons);
            } catch (AcceptedNotStoredException e) {
                int notWritten = spans.byTrace().size() - written - 1;
                throw new AcceptedNotStoredException(e.getMessage() + "; of this export's " + spans.byTrace().size()
                        + " traces, " + written + " were stored before it and " + notWritten
                        + " were not written, so sending the export again stores " + (written + 1) + " of them twice");
            }
            written++;
        }
        return respond(encoding, rejected, reasons);
    }

    /** Writes one trace's spans (in commands of at most {@link RecordSpansCommand#MAX_SPANS}); returns the spans refused. */
    private long write(TenantId tenant, String traceId, List<ObjectNode> spans, List<String> reasons) {
        long rejected = 0;
        for (int from = 0; from < spans.size(); from += RecordSpansCommand.MAX_SPANS) {
            List<ObjectNode> chunk = spans.subList(from, Math.min(spans.size(), from + RecordSpansCommand.MAX_SPANS));
            ObjectNode payload = Json.object().put("traceId", traceId);
            payload.putArray("spans").addAll(chunk);
            Command command = new Command(tenant, TracePipeline.NAME, RecordSpansCommand.TYPE, payload);
            try {
                metrics.timed(command, () -> service.submit(command));
            } catch (CommandValidationException e) {
                rejected += chunk.size();
                reasons.add(chunk.size() + " spans of trace " + traceId + ": " + e.getMessage());
            }
        }
        return rejected;
    }

    private byte[] body(HttpServletRequest request) throws IOException {
        int max = properties.maxBodyBytes();
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(max + 1);
        }
        if (body.length > max) {
            throw new ApiException.TooLarge(body.length, max);
        }
        return body;
    }

    private static ResponseEntity<byte[]> respond(OtlpBody.Encoding encoding, long rejected, List<String> reasons)
            throws InvalidProtocolBufferException {
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (rejected > 0) {
            String named = reasons.stream().limit(NAMED_REJECTIONS).collect(Collectors.joining("; "));
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder().setRejectedSpans(rejected)
                    .setErrorMessage(reasons.size() > NAMED_REJECTIONS ? named + "; and " + (reasons.size() - NAMED_REJECTIONS) + " more" : named));
        }
        if (encoding == OtlpBody.Encoding.PROTOBUF) {
            return ResponseEntity.ok().contentType(OtlpBody.PROTOBUF).body(response.build().toByteArray());
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .body(JsonFormat.printer().print(response).getBytes(StandardCharsets.UTF_8));
    }
}
