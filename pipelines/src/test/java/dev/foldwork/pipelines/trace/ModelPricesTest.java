package dev.foldwork.pipelines.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPricesTest {
    private final ModelPrices prices = ModelPrices.bundled();

    @Test
    void theBundledTableIsVersioned() {
        assertThat(prices.version()).isNotBlank();
        assertThat(prices.priceOf("gpt-4o")).contains(new ModelPrices.Price(2.5, 10.0, 1.25));
    }

    @Test
    void resolvesCaseProviderPrefixesAliasesAndDateSuffixes() {
        ModelPrices.Price gpt4o = prices.priceOf("gpt-4o").orElseThrow();
        assertThat(prices.priceOf("GPT-4o")).contains(gpt4o);
        assertThat(prices.priceOf("openai/gpt-4o")).contains(gpt4o);
        assertThat(prices.priceOf("gpt-4o-2024-08-06")).contains(gpt4o);
        assertThat(prices.priceOf("chatgpt-4o-latest")).contains(gpt4o);
        assertThat(prices.priceOf("claude-sonnet-4-5-20250929")).isEqualTo(prices.priceOf("claude-sonnet-4.5"));
        assertThat(prices.priceOf("gpt-4o-mini")).isNotEqualTo(prices.priceOf("gpt-4o"));
        assertThat(prices.priceOf("unheard-of")).isEmpty();
        assertThat(prices.priceOf(null)).isEmpty();
    }

    @Test
    void cachedInputIsPricedAtTheCachedRate() {
        assertThat(prices.costOf("gpt-4o", 1_000_000, 400_000, 1_000_000)).contains(0.6 * 2.5 + 0.4 * 1.25 + 10.0);
    }

    @Test
    void aFileOverridesTheTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"version\":\"ours-1\",\"models\":{\"house-model\":{\"input\":1,\"output\":2}},"
                + "\"aliases\":{\"house\":\"house-model\"}}", StandardCharsets.UTF_8);
        ModelPrices ours = ModelPrices.fromFile(file);
        assertThat(ours.version()).isEqualTo("ours-1");
        assertThat(ours.costOf("house", 1_000_000, 0, 1_000_000)).contains(3.0);
        assertThat(ours.priceOf("gpt-4o")).isEmpty();
    }

    @Test
    void aMalformedTableNamesTheField() {
        assertThatThrownBy(() -> ModelPrices.parse("{\"version\":\"v\",\"models\":{\"m\":{\"input\":-1,\"output\":1}}}"
                .getBytes(StandardCharsets.UTF_8), "test")).hasMessageContaining("models.m.input");
        assertThatThrownBy(() -> ModelPrices.parse("{\"models\":{}}".getBytes(StandardCharsets.UTF_8), "test"))
                .hasMessageContaining("version");
        assertThatThrownBy(() -> ModelPrices.parse("{\"version\":\"v\",\"models\":{\"m\":{\"input\":1,\"output\":1}},\"aliases\":{\"a\":\"zz\"}}"
                .getBytes(StandardCharsets.UTF_8), "test")).hasMessageContaining("aliases.a");
    }
}
