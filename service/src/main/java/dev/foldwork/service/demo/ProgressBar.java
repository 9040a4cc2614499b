package dev.foldwork.service.demo;

import java.io.PrintStream;

/**
 * A text progress bar: on a terminal one line redrawn in place at each whole percent; when
 * the output is a file or pipe, a line at each quarter so logs stay readable.
 */
final class ProgressBar {
    private static final int WIDTH = 40;

    private final PrintStream out;
    private final String label;
    private final long total;
    private final boolean inPlace = System.console() != null;
    private int lastPercent = -1;

    ProgressBar(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
    }

    void update(long done) {
        int percent = total == 0 ? 100 : (int) (done * 100 / total);
        int step = inPlace ? 1 : 25;
        if (percent / step == lastPercent / step && lastPercent >= 0) {
            return;
        }
        lastPercent = percent;
        int filled = percent * WIDTH / 100;
        out.printf("%s%s [%s%s] %3d%% %,d/%,d", inPlace ? "\r" : "", label, "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, done, total);
        if (!inPlace || done >= total) {
            out.println();
        }
        out.flush();
    }
}
