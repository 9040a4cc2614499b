package dev.foldwork.service;

/** Span payloads for the trace pipeline's record_span command. */
public final class Spans {
    /** API keys of the test tenants tenant_a and tenant_b; the test properties hold their SHA-256. */
    public static final String KEY_A = "key-a";
    public static final String KEY_B = "key-b";
    /** An operator key; tests that need one configure foldwork.admin-keys[0].sha256 = {@link #ADMIN_KEY_SHA256}. */
    public static final String ADMIN_KEY = "admin-key";
    public static final String ADMIN_KEY_SHA256 = "69a5265506c94c77b787a7d7377b7685a0eff82e33920a71e7ee22cd6154953e";

    private Spans() {}

    public static String span(String traceId, String spanId, long start, long end) {
        return """
                {"traceId":"%s","spanId":"%s","name":"chat completion","kind":"llm","startTimeMs":%d,"endTimeMs":%d,
                 "status":"ok","model":"gpt-4o","inputTokens":120,"outputTokens":40,"cost":0.0021,
                 "attributes":{"sdk.name":"python-sdk","sdk.version":"1.4.0"}}""".formatted(traceId, spanId, start, end);
    }
}
