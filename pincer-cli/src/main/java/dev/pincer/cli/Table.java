package dev.pincer.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints rows as aligned columns; the last column is never padded, long cells are cut with an
 * ellipsis at their column's limit.
 *
 * <p>Not thread-safe.
 */
final class Table {

    private final List<String> headers;
    private final int[] limits;
    private final List<List<String>> rows = new ArrayList<>();

    Table(List<String> headers, int... limits) {
        if (limits.length != headers.size()) {
            throw new IllegalArgumentException("one limit per column: " + headers + " vs " + limits.length);
        }
        this.headers = List.copyOf(headers);
        this.limits = limits.clone();
    }

    void add(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (int i = 0; i < cells.length; i++) {
            row.add(cut(cells[i] == null ? "" : cells[i], limits[i]));
        }
        rows.add(row);
    }

    void print(PrintWriter out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        line(out, headers, widths);
        rows.forEach(row -> line(out, row, widths));
    }

    private static void line(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            line.append(cell);
            if (i < cells.size() - 1) {
                line.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 1) + "…";
    }
}
