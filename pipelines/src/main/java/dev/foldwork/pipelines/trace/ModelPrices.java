package dev.foldwork.pipelines.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foldwork.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A versioned table of model prices (input, output and cached input, per million tokens), used to
 * price a span whose SDK sent no cost. The bundled table is {@value #RESOURCE}; a deployment may
 * point {@code foldwork.model-prices-file} at its own file of the same shape. A model name is
 * resolved case-insensitively, without a provider prefix ({@code openai/gpt-4o}), through the
 * table's aliases, and without a date suffix ({@code gpt-4o-2024-08-06}, {@code ...-20250929}).
 */
public final class ModelPrices {
    public static final String RESOURCE = "/dev/foldwork/pipelines/trace/model-prices.json";
    private static final double PER_MILLION = 1_000_000d;
    private static final Pattern DATE_SUFFIX = Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{8})$");

    /** The price of one model, in the table's currency per million tokens. */
    public record Price(double input, double output, double cachedInput) {}

    private final String version;
    private final Map<String, Price> models;
    private final Map<String, String> aliases;

    private ModelPrices(String version, Map<String, Price> models, Map<String, String> aliases) {
        this.version = version;
        this.models = Map.copyOf(models);
        this.aliases = Map.copyOf(aliases);
    }

    public static ModelPrices bundled() {
        try (InputStream in = ModelPrices.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled price table " + RESOURCE + " is missing");
            }
            return parse(in.readAllBytes(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ModelPrices fromFile(Path file) {
        try {
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model price table " + file, e);
        }
    }

    /** Reads a table, naming the source and the field at fault when it is malformed. */
    static ModelPrices parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = Json.parseStrict(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
        if (!root.path("version").isTextual() || root.path("version").asText().isBlank()) {
            throw new IllegalArgumentException(source + ": \"version\" must be a non-empty string");
        }
        Map<String, Price> models = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("models").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String field = "models." + entry.getKey();
            models.put(entry.getKey().toLowerCase(Locale.ROOT), new Price(price(source, field, entry.getValue(), "input"),
                    price(source, field, entry.getValue(), "output"), price(source, field, entry.getValue(), "cachedInput")));
        }
        if (models.isEmpty()) {
            throw new IllegalArgumentException(source + ": \"models\" must hold at least one model");
        }
        Map<String, String> aliases = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.path("aliases").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String target = entry.getValue().asText().toLowerCase(Locale.ROOT);
            if (!models.containsKey(target)) {
                throw new IllegalArgumentException(source + ": aliases." + entry.getKey() + " names \"" + target + "\", which has no price");
            }
            aliases.put(entry.getKey().toLowerCase(Locale.ROOT), target);
        }
        return new ModelPrices(root.get("version").asText(), models, aliases);
    }

    private static double price(String source, String field, JsonNode model, String name) {
        JsonNode value = model.path(name);
        if (name.equals("cachedInput") && value.isMissingNode()) {
            return model.path("input").asDouble();
        }
        if (!value.isNumber() || !Double.isFinite(value.doubleValue()) || value.doubleValue() < 0) {
            throw new IllegalArgumentException(source + ": " + field + "." + name + " must be a number of at least 0");
        }
        return value.doubleValue();
    }

    public String version() {
        return version;
    }

    /** The price of a model, if the table knows it under any of its spellings. */
    public Optional<Price> priceOf(String model) {
        if (model == null || model.isBlank()) {
            return Optional.empty();
        }
        String name = model.trim().toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1);
        for (String candidate : new String[] {name, DATE_SUFFIX.matcher(name).replaceFirst("")}) {
            Price price = models.get(aliases.getOrDefault(candidate, candidate));
            if (price != null) {
                return Optional.of(price);
            }
        }
        return Optional.empty();
    }

    /**
     * The cost of a call: cached input tokens (a part of the input tokens) at the cached price,
     * the rest of the input and the output at theirs. Empty when the model has no price.
     */
    public Optional<Double> costOf(String model, long inputTokens, long cachedInputTokens, long outputTokens) {
        return priceOf(model).map(p -> {
            long cached = Math.min(cachedInputTokens, inputTokens);
            return ((inputTokens - cached) * p.input() + cached * p.cachedInput() + outputTokens * p.output()) / PER_MILLION;
        });
    }
}
