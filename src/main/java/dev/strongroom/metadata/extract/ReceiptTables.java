package dev.strongroom.metadata.extract;

import static dev.strongroom.metadata.extract.ReceiptVocabulary.NOT_TOTAL;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.PLAIN_TOTAL;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.STRONG_TOTAL;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.SUBTOTAL;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.TAX;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.TAX_ID;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Receipt fields from tables (spreadsheets, CSV files, tables in office documents), where a label and its
 * value sit in different cells: side by side ({@code Total | 1893.40}) or one above the other (a header
 * row {@code Vendor | Date | Total} over a row of values). Each value names its cell. A spreadsheet cell
 * holding only a number is an amount whatever its decimals (1893.4 is 1893.40).
 */
final class ReceiptTables {

    private static final int MAX_LABEL_CHARS = 40;
    /** POI shows a date cell of Excel's built-in date format as m/d/yy, whatever the locale. */
    private static final Pattern EXCEL_DEFAULT_DATE = Pattern.compile("^\\d{1,2}/\\d{1,2}/\\d{2}$");

    /** The fields found in tables; any may be null (lists empty). */
    record Found(Sidecar.Amount total, List<Sidecar.Tax> taxes, Sidecar.Found currency, Sidecar.Found date,
            Sidecar.Found vendor, Sidecar.Found number, Sidecar.Found payment, List<Sidecar.LineItem> items) {
    }

    /** A value cell and the label cell it belongs to. */
    private record Cell(TableCells.Table table, int row, int column, String label, String value, boolean below,
            int valuesBelow) {

        String reference() {
            return table.reference(row, column);
        }

        String source() {
            return label + (below ? " / " : " | ") + value;
        }
    }

    Found read(List<TableCells.Table> tables) {
        Sidecar.Amount total = null;
        List<Sidecar.Tax> taxes = new ArrayList<>();
        Sidecar.Found currency = null;
        Sidecar.Found date = null;
        Sidecar.Found vendor = null;
        Sidecar.Found number = null;
        Sidecar.Found payment = null;
        List<Sidecar.LineItem> items = new ArrayList<>();
        Cell dateCell = null;
        String onlyCurrency = onlyCurrency(tables);
        for (TableCells.Table table : tables) {
            for (int r = 0; r < table.rows().size(); r++) {
                List<String> row = table.rows().get(r);
                for (int c = 0; c < row.size(); c++) {
                    String label = row.get(c);
                    if (label.isEmpty() || label.length() > MAX_LABEL_CHARS || Amounts.cell(label) != null) {
                        continue;
                    }
                    if (isTotalLabel(label) && !itemColumn(row, c)) {
                        Cell v = valueOf(table, r, c, label, Amounts::cell);
                        if (v != null) {
                            String cur = currencyOf(label, v.value, onlyCurrency);
                            double confidence = confidence(v, STRONG_TOTAL.matcher(label).find() ? 0.95 : 0.9);
                            total = ReceiptReader.better(total, new Sidecar.Amount(Amounts.cell(v.value), cur,
                                    ReceiptReader.clip(v.source()), Sidecar.Location.cell(v.reference()),
                                    ReceiptReader.round(confidence)));
                            if (cur != null) {
                                currency = ReceiptReader.better(currency, new Sidecar.Found(cur,
                                        ReceiptReader.clip(v.source()), Sidecar.Location.cell(v.reference()),
                                        ReceiptReader.round(confidence)));
                            }
                        }
                    } else if (TAX.matcher(label).find() && !TAX_ID.matcher(label).find()
                            && !SUBTOTAL.matcher(label).find()) {
                        Cell v = valueOf(table, r, c, label, Amounts::cell);
                        if (v != null) {
                            Matcher rate = ReceiptVocabulary.RATE.matcher(label);
                            String percent = rate.find() ? new BigDecimal(rate.group(1).replace(',', '.'))
                                    .stripTrailingZeros().toPlainString() : null;
                            taxes.add(new Sidecar.Tax(Amounts.cell(v.value), percent, ReceiptReader.clip(v.source()),
                                    Sidecar.Location.cell(v.reference()), ReceiptReader.round(confidence(v, 0.9))));
                        }
                    } else if (ReceiptVocabulary.VENDOR_HEADER.matcher(label).matches()) {
                        Cell v = valueOf(table, r, c, label, s -> ReceiptReader.looksLikeName(s) ? s : null);
                        if (v != null) {
                            vendor = ReceiptReader.better(vendor, new Sidecar.Found(v.value, ReceiptReader.clip(v.source()),
                                    Sidecar.Location.cell(v.reference()), ReceiptReader.round(confidence(v, 0.93))));
                        }
                    } else if (ReceiptVocabulary.DATE_HEADER.matcher(label).matches()) {
                        Cell v = valueOf(table, r, c, label, s -> ReceiptDates.first(s, false) != null ? s : null);
                        if (v != null && (dateCell == null || confidence(v, 1) > confidence(dateCell, 1))) {
                            dateCell = v;
                        }
                    } else if (ReceiptVocabulary.CURRENCY_HEADER.matcher(label).matches()) {
                        Cell v = valueOf(table, r, c, label, s -> Amounts.currencyOn(s) != null ? s : null);
                        if (v != null) {
                            currency = ReceiptReader.better(currency, new Sidecar.Found(Amounts.currencyOn(v.value),
                                    ReceiptReader.clip(v.source()), Sidecar.Location.cell(v.reference()),
                                    ReceiptReader.round(confidence(v, 0.95))));
                        }
                    } else if (ReceiptVocabulary.NUMBER_HEADER.matcher(label).matches()) {
                        Cell v = valueOf(table, r, c, label,
                                s -> s.codePoints().anyMatch(Character::isDigit) && s.length() <= 40 ? s : null);
                        if (v != null) {
                            number = ReceiptReader.better(number, new Sidecar.Found(v.value, ReceiptReader.clip(v.source()),
                                    Sidecar.Location.cell(v.reference()), ReceiptReader.round(confidence(v, 0.9))));
                        }
                    } else if (ReceiptVocabulary.PAYMENT_HEADER.matcher(label).matches()) {
                        Cell v = valueOf(table, r, c, label,
                                s -> ReceiptVocabulary.PAYMENT.matcher(s).find() ? s : null);
                        if (v != null) {
                            Matcher m = ReceiptVocabulary.PAYMENT.matcher(v.value);
                            m.find();
                            payment = ReceiptReader.better(payment, new Sidecar.Found(ReceiptReader.paymentKind(m.group(1)),
                                    ReceiptReader.clip(v.source()), Sidecar.Location.cell(v.reference()),
                                    ReceiptReader.round(confidence(v, 0.9))));
                        }
                    }
                }
            }
            items.addAll(items(table));
        }
        if (dateCell != null) {
            // A date's order follows the currency, which may be stated after it: 04/08 in dollars is April 8.
            boolean excel = EXCEL_DEFAULT_DATE.matcher(dateCell.value).matches();
            boolean dollars = currency != null && "USD".equals(currency.value());
            ReceiptDates.Read read = ReceiptDates.first(dateCell.value, excel || dollars);
            double level = read.ambiguous() && !excel ? 0.7 : excel ? 0.85 : 0.93;
            date = new Sidecar.Found(read.date().toString(), ReceiptReader.clip(dateCell.source()),
                    Sidecar.Location.cell(dateCell.reference()), ReceiptReader.round(confidence(dateCell, level)));
        }
        if (total != null && total.currency() == null && currency != null) {
            total = new Sidecar.Amount(total.amount(), currency.value(), total.source(), total.at(), total.confidence());
        }
        return new Found(total, taxes, currency, date, vendor, number, payment, items);
    }

    /** Whether some table has a total label with an amount beside or below it. */
    static boolean hasTotalColumn(List<TableCells.Table> tables) {
        for (TableCells.Table table : tables) {
            for (int r = 0; r < table.rows().size(); r++) {
                List<String> row = table.rows().get(r);
                for (int c = 0; c < row.size(); c++) {
                    String label = row.get(c);
                    if (label.length() <= MAX_LABEL_CHARS && isTotalLabel(label)
                            && valueOf(table, r, c, label, Amounts::cell) != null) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** "Amount" beside "Description" in a header row names the line items' column, not the total. */
    private static boolean itemColumn(List<String> row, int column) {
        if (!ReceiptVocabulary.AMOUNT_HEADER.matcher(row.get(column)).find()
                || STRONG_TOTAL.matcher(row.get(column)).find()) {
            return false;
        }
        for (int c = 0; c < row.size(); c++) {
            if (c != column && row.get(c).length() <= MAX_LABEL_CHARS
                    && ReceiptVocabulary.ITEM_HEADER.matcher(row.get(c)).find()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTotalLabel(String label) {
        return (STRONG_TOTAL.matcher(label).find() || PLAIN_TOTAL.matcher(label).find()) && !NOT_TOTAL.matcher(label).find()
                && !SUBTOTAL.matcher(label).find() && !(TAX.matcher(label).find()
                        && !label.toLowerCase(java.util.Locale.ROOT).contains("incl"));
    }

    /** One value below the label is sure; a column of several values is a list, not one receipt's field. */
    private static double confidence(Cell v, double level) {
        return v.below && v.valuesBelow > 1 ? Math.min(level, 0.6) : level;
    }

    /**
     * The label's value: the first non-empty cell to its right in the same row, else the first non-empty
     * cell below it in the same column; {@code accept} turns a cell into a value or null.
     */
    private static Cell valueOf(TableCells.Table table, int r, int c, String label,
            java.util.function.Function<String, String> accept) {
        List<String> row = table.rows().get(r);
        for (int k = c + 1; k < row.size(); k++) {
            String cell = row.get(k);
            if (!cell.isEmpty()) {
                if (accept.apply(cell) != null) {
                    return new Cell(table, r, k, label, cell, false, 0);
                }
                break;
            }
        }
        for (int k = r + 1; k < table.rows().size(); k++) {
            List<String> below = table.rows().get(k);
            String cell = c < below.size() ? below.get(c) : "";
            if (cell.isEmpty()) {
                continue;
            }
            if (accept.apply(cell) == null) {
                return null;
            }
            // Rows of a list fill several columns; a note under the table ("Ref. 123") is no second value.
            int values = 0;
            for (int n = k; n < table.rows().size(); n++) {
                List<String> more = table.rows().get(n);
                if (c < more.size() && accept.apply(more.get(c)) != null
                        && more.stream().filter(x -> !x.isEmpty()).count() >= 2) {
                    values++;
                }
            }
            return new Cell(table, k, c, label, cell, true, values);
        }
        return null;
    }

    private static String currencyOf(String label, String value, String onlyCurrency) {
        String c = Amounts.currencyOn(value);
        if (c == null) {
            c = Amounts.currencyOn(label);
        }
        return c != null ? c : onlyCurrency;
    }

    private static String onlyCurrency(List<TableCells.Table> tables) {
        List<String> cells = new ArrayList<>();
        for (TableCells.Table t : tables) {
            t.rows().forEach(cells::addAll);
        }
        return Amounts.onlyCurrencyIn(cells);
    }

    /** Rows under a header naming a description and an amount column, up to a total or an empty row. */
    private static List<Sidecar.LineItem> items(TableCells.Table table) {
        List<Sidecar.LineItem> items = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            List<String> header = table.rows().get(r);
            int description = -1;
            int amount = -1;
            int quantity = -1;
            for (int c = 0; c < header.size(); c++) {
                String h = header.get(c);
                if (h.length() > MAX_LABEL_CHARS) {
                    continue;
                }
                if (description < 0 && ReceiptVocabulary.ITEM_HEADER.matcher(h).find()) {
                    description = c;
                } else if (quantity < 0 && ReceiptVocabulary.QUANTITY_HEADER.matcher(h).find()) {
                    quantity = c;
                } else if (ReceiptVocabulary.AMOUNT_HEADER.matcher(h).find()) {
                    amount = c; // the right-most amount column is the line's amount
                }
            }
            if (description < 0 || amount < 0) {
                continue;
            }
            for (int k = r + 1; k < table.rows().size(); k++) {
                List<String> row = table.rows().get(k);
                String what = description < row.size() ? row.get(description) : "";
                String value = amount < row.size() ? Amounts.cell(row.get(amount)) : null;
                if (what.isEmpty() || value == null || isTotalLabel(what) || SUBTOTAL.matcher(what).find()
                        || TAX.matcher(what).find()) {
                    break;
                }
                String qty = quantity >= 0 && quantity < row.size() && !row.get(quantity).isEmpty() ? row.get(quantity)
                        : null;
                items.add(new Sidecar.LineItem(what, qty, value, ReceiptReader.clip(String.join(" | ", row)),
                        Sidecar.Location.cell(table.reference(k, description))));
            }
            break;
        }
        return items;
    }
}
