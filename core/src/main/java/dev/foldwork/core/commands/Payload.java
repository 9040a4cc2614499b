package dev.foldwork.core.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.foldwork.core.domain.Ids;
import dev.foldwork.core.domain.InvalidIdException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a command's JSON payload field by field and collects every problem, so one
 * error names all the fields at fault. Each accessor returns a harmless placeholder
 * when the field is bad; call {@link #validate()} before using the values. The service
 * refuses a command whose payload collected errors even if the handler forgot to check.
 */
public final class Payload {
    private final JsonNode root;
    private final List<FieldError> errors = new ArrayList<>();

    public Payload(JsonNode root) {
        this.root = root == null ? NullNode.getInstance() : root;
        if (!this.root.isObject()) {
            errors.add(new FieldError("$", "payload must be a JSON object"));
        }
        errors.addAll(UnicodeFields.check(this.root));
    }

    public JsonNode json() {
        return root;
    }

    public List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** Throws a {@link CommandValidationException} naming every bad field, if there is one. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw new CommandValidationException(errors);
        }
    }

    /** Records a rule that spans fields, such as "end before start". */
    public void check(boolean ok, String field, String reason) {
        if (!ok) {
            errors.add(new FieldError(field, reason));
        }
    }

    public String requiredString(String field, int maxLength) {
        JsonNode node = root.get(field);
        if (missing(node)) {
            errors.add(new FieldError(field, "is required"));
            return "";
        }
        return string(field, node, maxLength).orElse("");
    }

    public Optional<String> optionalString(String field, int maxLength) {
        JsonNode node = root.get(field);
        return missing(node) ? Optional.empty() : string(field, node, maxLength);
    }

    /** A required id that obeys the aggregate id rules (it may become an aggregate id). */
    public String requiredId(String field) {
        String value = requiredString(field, Ids.MAX_AGGREGATE_ID_LENGTH);
        if (value.isEmpty()) {
            if (root.get(field) != null && root.get(field).isTextual()) {
                errors.add(new FieldError(field, "must not be empty"));
            }
            return "";
        }
        return id(field, value);
    }

    public Optional<String> optionalId(String field) {
        return optionalString(field, Ids.MAX_AGGREGATE_ID_LENGTH).map(v -> id(field, v));
    }

    public long requiredLong(String field, long min) {
        JsonNode node = root.get(field);
        if (missing(node)) {
            errors.add(new FieldError(field, "is required"));
            return min;
        }
        return integer(field, node, min);
    }

    public long optionalLong(String field, long min, long defaultValue) {
        JsonNode node = root.get(field);
        return missing(node) ? defaultValue : integer(field, node, min);
    }

    public double requiredDouble(String field, double min) {
        JsonNode node = root.get(field);
        if (missing(node)) {
            errors.add(new FieldError(field, "is required"));
            return min;
        }
        return decimal(field, node, min);
    }

    public double optionalDouble(String field, double min, double defaultValue) {
        JsonNode node = root.get(field);
        return missing(node) ? defaultValue : decimal(field, node, min);
    }

    public boolean requiredBoolean(String field) {
        JsonNode node = root.get(field);
        if (missing(node)) {
            errors.add(new FieldError(field, "is required"));
            return false;
        }
        if (!node.isBoolean()) {
            errors.add(new FieldError(field, "must be true or false"));
            return false;
        }
        return node.booleanValue();
    }

    /** An enum given by its name in any case, e.g. {@code "ok"} for {@code OK}. */
    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type, E placeholder) {
        JsonNode node = root.get(field);
        if (missing(node)) {
            errors.add(new FieldError(field, "is required"));
            return placeholder;
        }
        return enumValue(field, node, type).orElse(placeholder);
    }

    public <E extends Enum<E>> Optional<E> optionalEnum(String field, Class<E> type) {
        JsonNode node = root.get(field);
        return missing(node) ? Optional.empty() : enumValue(field, node, type);
    }

    /** A list of strings, each at most {@code maxLength}, at most {@code maxItems} of them. */
    public List<String> stringList(String field, int maxItems, int maxLength, boolean required) {
        JsonNode node = root.get(field);
        if (missing(node)) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError(field, "must be an array of strings"));
            return List.of();
        }
        if (node.size() > maxItems) {
            errors.add(new FieldError(field, "must hold at most " + maxItems + " items, held " + node.size()));
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            string(field + "[" + i + "]", node.get(i), maxLength).ifPresent(values::add);
        }
        return values;
    }

    /** A JSON object of string keys to scalar values, such as span attributes. */
    public JsonNode optionalObject(String field, int maxEntries) {
        JsonNode node = root.get(field);
        if (missing(node)) {
            return null;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(field, "must be a JSON object"));
            return null;
        }
        if (node.size() > maxEntries) {
            errors.add(new FieldError(field, "must hold at most " + maxEntries + " entries, held " + node.size()));
            return null;
        }
        return node;
    }

    private static boolean missing(JsonNode node) {
        return node == null || node.isNull();
    }

    private String id(String field, String value) {
        try {
            return Ids.aggregateId(field, value);
        } catch (InvalidIdException e) {
            errors.add(new FieldError(field, e.reason()));
            return "";
        }
    }

    private Optional<String> string(String field, JsonNode node, int maxLength) {
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return Optional.empty();
        }
        String value = node.textValue();
        if (value.length() > maxLength) {
            errors.add(new FieldError(field, "must be at most " + maxLength + " characters, was " + value.length()));
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private long integer(String field, JsonNode node, long min) {
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            errors.add(new FieldError(field, "must be a whole number"));
            return min;
        }
        long value = node.longValue();
        if (value < min) {
            errors.add(new FieldError(field, "must be at least " + min + ", was " + value));
            return min;
        }
        return value;
    }

    private double decimal(String field, JsonNode node, double min) {
        if (!node.isNumber()) {
            errors.add(new FieldError(field, "must be a number"));
            return min;
        }
        double value = node.doubleValue();
        if (!Double.isFinite(value) || value < min) {
            errors.add(new FieldError(field, "must be a finite number of at least " + min + ", was " + value));
            return min;
        }
        return value;
    }

    private <E extends Enum<E>> Optional<E> enumValue(String field, JsonNode node, Class<E> type) {
        if (!node.isTextual()) {
            errors.add(new FieldError(field, "must be a string"));
            return Optional.empty();
        }
        String wanted = node.textValue().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return Optional.of(constant);
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            allowed.add(constant.name().toLowerCase(Locale.ROOT));
        }
        errors.add(new FieldError(field, "must be one of " + allowed + ", was \"" + truncate(node.textValue()) + "\""));
        return Optional.empty();
    }

    private static String truncate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
