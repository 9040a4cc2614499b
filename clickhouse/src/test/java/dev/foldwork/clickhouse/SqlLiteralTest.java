package dev.foldwork.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.foldwork.core.stores.contract.TrickyStrings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlLiteralTest {
    private static ClickHouseTestDatabase database;

    @BeforeAll
    static void open() {
        database = ClickHouseTestDatabase.create();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void escapesQuotesBackslashesAndControlCharacters() {
        assertThat(SqlLiteral.quote("it's \\ \n\r\t\0")).isEqualTo("'it\\'s \\\\ \\n\\r\\t\\0'");
    }

    @Test
    void theServerReadsEveryTrickyStringBackAsOneLiteral() {
        for (String value : TrickyStrings.ALL) {
            var rows = database.database().queryRows("SELECT " + SqlLiteral.quote(value) + " AS v, 'after' AS w");

            assertThat(rows).hasSize(1);
            assertThat(rows.get(0).get("v").asText()).isEqualTo(value);
            assertThat(rows.get(0).get("w").asText()).isEqualTo("after");
        }
    }
}
