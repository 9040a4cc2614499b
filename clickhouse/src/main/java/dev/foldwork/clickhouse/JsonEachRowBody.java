package dev.foldwork.clickhouse;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.foldwork.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** An insert body in JSONEachRow: one JSON object per line. Values go here, never into SQL text. */
public final class JsonEachRowBody {
    /** Writes the fields of one row. */
    public interface RowFields {
        void write(JsonGenerator row) throws IOException;
    }

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final JsonGenerator generator;
    private int rows;

    public JsonEachRowBody() {
        try {
            generator = Json.mapper().getFactory().createGenerator(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonEachRowBody row(RowFields fields) {
        try {
            generator.writeStartObject();
            fields.write(generator);
            generator.writeEndObject();
            generator.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a ClickHouse row", e);
        }
        bytes.write('\n');
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    public byte[] bytes() {
        return bytes.toByteArray();
    }
}
