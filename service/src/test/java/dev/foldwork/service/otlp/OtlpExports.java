package dev.foldwork.service.otlp;

import com.google.protobuf.ByteString;
import dev.foldwork.service.Spans;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.List;

/** OTLP/protobuf exports of one span per trace, posted to a running service with tenant A's key. */
public final class OtlpExports {
    private OtlpExports() {}

    /** Posts an export holding one span of each of {@code traceIds}, in that order. */
    public static HttpResponse<byte[]> postOneSpanEach(int port, List<String> traceIds) throws IOException, InterruptedException {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (String traceId : traceIds) {
            scope.addSpans(Span.newBuilder().setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceId)))
                    .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex("b7ad6b7169203331"))).setName("call"));
        }
        byte[] export = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build().toByteArray();
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/traces"))
                .header("Content-Type", "application/x-protobuf").header("Authorization", "Bearer " + Spans.KEY_A)
                .POST(HttpRequest.BodyPublishers.ofByteArray(export)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
