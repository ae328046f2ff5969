package io.eddy.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Rows of text printed as left-aligned columns, two spaces apart, under an upper-case header. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    /** @param headers the column headers */
    TextTable(String... headers) {
        this.columns = headers.length;
        rows.add(headers);
    }

    /**
     * @param cells one value per column, printed with {@link String#valueOf(Object)}
     * @return this table
     */
    TextTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + columns + " columns");
        }
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    /** @return true when no row was added under the header */
    boolean isEmpty() {
        return rows.size() == 1;
    }

    /** @param out where to print the header and the rows, each prefixed with {@code indent} */
    void print(PrintWriter out, String indent) {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i < columns - 1) {
                    line.append(" ".repeat(width[i] - r[i].length() + 2));
                }
            }
            out.println(line);
        }
    }
}
