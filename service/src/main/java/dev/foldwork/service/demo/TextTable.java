package dev.foldwork.service.demo;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table: columns sized to their widest cell, numbers right-aligned. */
final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = List.of(headers);
    }

    TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("a row needs " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString());
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        boolean[] numeric = new boolean[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            numeric[c] = !rows.isEmpty();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
                numeric[c] &= row.get(c).matches("[-+$]?[0-9][0-9,.]*%?|-");
            }
        }
        out.println(line(headers, widths, numeric));
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            rule.append(c == 0 ? "" : "-+-").append("-".repeat(widths[c]));
        }
        out.println(rule);
        for (List<String> row : rows) {
            out.println(line(row, widths, numeric));
        }
        if (rows.isEmpty()) {
            out.println("(none)");
        }
        out.println();
    }

    private static String line(List<String> cells, int[] widths, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < widths.length; c++) {
            String format = "%" + (numeric[c] ? "" : "-") + widths[c] + "s";
            line.append(c == 0 ? "" : " | ").append(String.format(format, cells.get(c)));
        }
        return line.toString().stripTrailing();
    }
}
