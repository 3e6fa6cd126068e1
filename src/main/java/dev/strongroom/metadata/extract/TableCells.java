package dev.strongroom.metadata.extract;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Collects the tables of Tika's XHTML as rows of cells, next to the text: spreadsheet sheets (whose
 * names Tika gives as the heading before each table), CSV files, and tables in office documents. A
 * receipt's table keeps its header and its values in different rows, which a line of text cannot show.
 * Bounded: at most {@value #MAX_CELLS} cells and {@value #MAX_CELL_CHARS} characters a cell are kept.
 */
final class TableCells extends DefaultHandler {

    static final int MAX_CELLS = 20_000;
    static final int MAX_CELL_CHARS = 200;

    /** One table: its name (a sheet's name, or null) and its rows, each a list of cell texts. */
    record Table(String name, List<List<String>> rows) {

        /** A1-style reference of a cell, with the sheet name when there is one: {@code Sheet1!D7}. */
        String reference(int row, int column) {
            String ref = columnName(column) + (row + 1);
            return name == null ? ref : name + "!" + ref;
        }

        static String columnName(int column) {
            StringBuilder name = new StringBuilder();
            for (int c = column + 1; c > 0; c = (c - 1) / 26) {
                name.insert(0, (char) ('A' + (c - 1) % 26));
            }
            return name.toString();
        }
    }

    private final List<Table> tables = new ArrayList<>();
    private final Deque<List<List<String>>> open = new ArrayDeque<>();
    private final Deque<String> names = new ArrayDeque<>();
    private List<String> row;
    private StringBuilder cell;
    private StringBuilder heading;
    private String lastHeading;
    private int cells;
    private final boolean sheets;

    /** @param sheets whether headings name the tables that follow them (a spreadsheet's sheets) */
    TableCells(boolean sheets) {
        this.sheets = sheets;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) {
        switch (localName.isEmpty() ? qName : localName) {
            case "table" -> {
                open.push(new ArrayList<>());
                names.push(lastHeading == null ? "" : lastHeading);
            }
            case "tr" -> row = open.isEmpty() ? null : new ArrayList<>();
            case "td", "th" -> cell = row == null ? null : new StringBuilder();
            case "h1" -> heading = sheets ? new StringBuilder() : null;
            default -> {
                if (cell != null && cell.length() > 0 && isBlock(localName)) {
                    cell.append(' ');
                }
            }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) {
        switch (localName.isEmpty() ? qName : localName) {
            case "td", "th" -> {
                if (cell != null && row != null) {
                    if (cells < MAX_CELLS) {
                        String text = ReceiptText.collapse(cell.toString());
                        row.add(text.length() <= MAX_CELL_CHARS ? text : text.substring(0, MAX_CELL_CHARS));
                        cells++;
                    }
                }
                cell = null;
            }
            case "tr" -> {
                if (row != null && !open.isEmpty()) {
                    open.peek().add(row);
                }
                row = null;
            }
            case "table" -> {
                if (!open.isEmpty()) {
                    List<List<String>> rows = open.pop();
                    String name = names.pop();
                    if (!rows.isEmpty()) {
                        tables.add(new Table(name.isEmpty() ? null : name, rows));
                    }
                }
            }
            case "h1" -> {
                if (heading != null) {
                    lastHeading = ReceiptText.collapse(heading.toString());
                    heading = null;
                }
            }
            default -> {
                // other elements carry no table structure
            }
        }
    }

    @Override
    public void characters(char[] ch, int start, int length) {
        if (cell != null && cell.length() < MAX_CELL_CHARS * 2) {
            cell.append(ch, start, Math.min(length, MAX_CELL_CHARS * 2));
        }
        if (heading != null && heading.length() < MAX_CELL_CHARS) {
            heading.append(ch, start, Math.min(length, MAX_CELL_CHARS));
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) {
        characters(ch, start, length);
    }

    private static boolean isBlock(String name) {
        return "p".equals(name) || "div".equals(name) || "br".equals(name) || "li".equals(name);
    }

    List<Table> tables() {
        return List.copyOf(tables);
    }
}
