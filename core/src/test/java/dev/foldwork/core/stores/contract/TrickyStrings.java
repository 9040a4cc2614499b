package dev.foldwork.core.stores.contract;

import java.util.List;

/** Values that break naive SQL splicing or encoding; every store must round-trip them unchanged. */
public final class TrickyStrings {
    public static final String HUNDRED_KB = "x'\\\n".repeat(25_600);

    public static final List<String> ALL = List.of(
            "it's",
            "back\\slash\\",
            "\\'",
            "two\nlines\r\nand\ttab",
            "semi;colon'; DROP TABLE events; --",
            "-- comment",
            "/* block */",
            "{x:String}",
            "{tenant_id:String} ? $1 :name",
            "\"double\" `back` quotes",
            "Unicode: Grüße, 日本語, emoji 🧾🚀, RTL עברית, combining é",
            "nul\u0000byte",
            "",
            HUNDRED_KB);

    /** Aggregate ids that pass validation yet hold characters SQL treats specially. */
    public static final List<String> AGGREGATE_IDS = List.of("a--b", "x:y@z.w", "-.-", "__", "id.with..dots");

    private TrickyStrings() {}

    /** The value cut to 1,000 characters: Jackson refuses JSON object keys over 50,000. */
    public static String asKey(String value) {
        return value.length() > 1_000 ? value.substring(0, 1_000) : value;
    }
}
