package dev.foldwork.service.otlp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.foldwork.core.json.Json;
import dev.foldwork.starter.problem.ApiException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Decodes an OTLP/HTTP trace export body: {@code application/x-protobuf} or {@code application/json}
 * (the OTLP JSON mapping: lowerCamelCase names, ids as hex, int64 as strings or numbers, enums as
 * ints), optionally gzip-compressed. An undecodable body is a 400 saying why; a body that inflates
 * past {@code maxDecodedBytes} is a 413.
 */
public final class OtlpBody {
    public static final MediaType PROTOBUF = MediaType.parseMediaType("application/x-protobuf");
    /** OTLP/JSON fields that hold ids as hex, where protobuf's JSON expects base64. */
    private static final List<String> ID_FIELDS = List.of("traceId", "spanId", "parentSpanId");

    /** The request's encoding, which the response uses too. */
    public enum Encoding { PROTOBUF, JSON }

    private OtlpBody() {}

    public static Encoding encodingOf(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            type = null;
        }
        if (type != null && type.isCompatibleWith(PROTOBUF)) {
            return Encoding.PROTOBUF;
        }
        if (type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            return Encoding.JSON;
        }
        throw new ApiException.UnsupportedMediaType("send OTLP traces as application/x-protobuf or application/json, not \""
                + contentType + "\"");
    }

    public static ExportTraceServiceRequest decode(byte[] body, Encoding encoding, String contentEncoding, int maxDecodedBytes) {
        byte[] raw = inflate(body, contentEncoding, maxDecodedBytes);
        try {
            if (encoding == Encoding.PROTOBUF) {
                return ExportTraceServiceRequest.parseFrom(raw);
            }
            ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
            JsonFormat.parser().ignoringUnknownFields().merge(Json.write(idsAsBase64(Json.parseStrict(raw))), request);
            return request.build();
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new ApiException.Malformed("the body is not an OTLP ExportTraceServiceRequest in "
                    + (encoding == Encoding.PROTOBUF ? "protobuf" : "JSON") + ": " + firstLine(e.getMessage()));
        }
    }

    private static byte[] inflate(byte[] body, String contentEncoding, int maxDecodedBytes) {
        String coding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (coding.isEmpty() || coding.equals("identity")) {
            return body;
        }
        if (!coding.equals("gzip")) {
            throw new ApiException.UnsupportedMediaType("Content-Encoding \"" + contentEncoding + "\" is not supported; use gzip or none");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            byte[] inflated = in.readNBytes(maxDecodedBytes + 1);
            if (inflated.length > maxDecodedBytes) {
                throw new DecodedTooLarge(maxDecodedBytes);
            }
            return inflated;
        } catch (IOException e) {
            throw new ApiException.Malformed("the body is not valid gzip: " + firstLine(e.getMessage()));
        }
    }

    /** Rewrites the hex ids of spans and links as base64, which protobuf's JSON parser reads into bytes. */
    private static JsonNode idsAsBase64(JsonNode request) {
        for (JsonNode resourceSpans : request.path("resourceSpans")) {
            for (JsonNode scopeSpans : resourceSpans.path("scopeSpans")) {
                for (JsonNode span : scopeSpans.path("spans")) {
                    rewriteIds(span);
                    span.path("links").forEach(OtlpBody::rewriteIds);
                }
            }
        }
        return request;
    }

    private static void rewriteIds(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return;
        }
        for (String field : ID_FIELDS) {
            JsonNode value = object.get(field);
            if (value != null && value.isTextual()) {
                object.set(field, TextNode.valueOf(Base64.getEncoder().encodeToString(hex(field, value.textValue()))));
            }
        }
    }

    private static byte[] hex(String field, String value) {
        try {
            return HexFormat.of().parseHex(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " \"" + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
                    + "\" is not hex");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    /** A gzip body that inflates past the limit. */
    static final class DecodedTooLarge extends ApiException {
        DecodedTooLarge(int max) {
            super(HttpStatus.PAYLOAD_TOO_LARGE, "body too large",
                    "the body inflates to more than " + max + " bytes (foldwork.otlp-max-decoded-bytes)");
        }
    }
}
