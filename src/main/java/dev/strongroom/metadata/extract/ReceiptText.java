package dev.strongroom.metadata.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * What the receipt reader reads: the document's lines (each with its place), the tables its parser saw
 * (spreadsheets, CSV files, tables in office documents), and the hints beside the text.
 */
record ReceiptText(List<TextLine> lines, List<TableCells.Table> tables, ReceiptHints hints) {

    /** Plain text, numbered by line (1-based, counting every line of the text). */
    static ReceiptText of(String text, List<TableCells.Table> tables, ReceiptHints hints) {
        List<TextLine> lines = new ArrayList<>();
        if (text != null) {
            String[] raw = text.split("\\R", -1);
            for (int i = 0; i < raw.length; i++) {
                String line = collapse(raw[i]);
                if (!line.isEmpty()) {
                    lines.add(new TextLine(line, Sidecar.Location.line(i + 1), null));
                }
            }
        }
        return new ReceiptText(lines, tables == null ? List.of() : tables, hints == null ? ReceiptHints.NONE : hints);
    }

    static ReceiptText of(String text) {
        return of(text, List.of(), ReceiptHints.NONE);
    }

    static String collapse(String line) {
        // Not the no-break space: it is a thousands separator in "1 234,56".
        return line.replaceAll("[ \\t\\f\\x0B]+", " ").strip();
    }
}
