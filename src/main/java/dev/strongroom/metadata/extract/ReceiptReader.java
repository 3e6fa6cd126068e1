package dev.strongroom.metadata.extract;

import static dev.strongroom.metadata.extract.ReceiptVocabulary.DATE_LINE;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.ISSUE_DATE_LINE;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.KIND;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.LEGAL_FORM;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.NOT_TOTAL;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.NOT_VENDOR;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.OTHER_DATE_LINE;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.PLAIN_TOTAL;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.STRONG_TOTAL;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.SUBTOTAL;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.TAX;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.TAX_ID;
import static dev.strongroom.metadata.extract.ReceiptVocabulary.VENDOR_LABEL;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a receipt's or invoice's fields: total and currency, issue date, vendor, tax amounts and rates,
 * receipt number, payment method and line items. Each field quotes the text it was read from, says where
 * that is and how sure the reader is; an unsure field is listed for review instead of being passed off
 * as right. docs/metadata.md ("Receipt fields") states the rules; they are heuristics over the layout,
 * in English, Portuguese and German.
 * <p>
 * Whether a document is a receipt at all is not decided by the words it prints: the uploader's retention
 * class ({@code receipt}, {@code invoice}), its file name or title, the words, or a layout with a
 * labelled total at the end of a line each suffice. Spreadsheet and CSV tables are read by
 * {@link ReceiptTables} (header and value in different rows), and their fields win where they are surer.
 */
public final class ReceiptReader {

    private static final int SOURCE_CHARS = 160;
    private static final int VENDOR_HEAD_LINES = 6;
    private static final BigDecimal CENT = new BigDecimal("0.01");
    private static final BigDecimal TAX_SLACK = new BigDecimal("0.03");
    private static final Pattern GREETING = Pattern.compile("(?iu)^(hello|hi|dear|hallo|guten\\s+tag|sehr\\s+geehrte|"
            + "ol[áa]|bom\\s+dia|boa\\s+tarde|caro|cara|prezad[oa])(?!\\p{L})");
    private static final Pattern MAIL_NAME = Pattern.compile("^\\s*\"?([^\"<@]{2,60}?)\"?\\s*<[^>]+>\\s*$");

    /** The fields, or null when the document is not a receipt or invoice, or when nothing was found. */
    Sidecar.Receipt read(ReceiptText in) {
        List<TextLine> lines = in.lines().stream().map(ReceiptReader::mended).toList();
        if (!isReceipt(in, lines)) {
            return null;
        }
        List<String> texts = lines.stream().map(TextLine::text).toList();
        String onlyCurrency = Amounts.onlyCurrencyIn(texts);
        ReceiptTables.Found table = new ReceiptTables().read(in.tables());

        Pick<Sidecar.Tax> taxes = taxes(lines);
        Sidecar.Amount subtotal = subtotal(lines);
        taxes = checkedAgainst(taxes, subtotal, lines);
        Sidecar.Amount lineTotal = total(lines, onlyCurrency, subtotal, taxes.values);
        Sidecar.Amount total = disagreeing(lineTotal, table.total());
        List<Sidecar.Tax> taxList = taxes.values.isEmpty() ? table.taxes() : taxes.values;
        String currencyCode = total != null && total.currency() != null ? total.currency() : onlyCurrency;
        Sidecar.Found currency = currency(lines, total, currencyCode, table.currency());
        Sidecar.Found date = better(date(lines, "USD".equals(currencyCode)), table.date());
        Sidecar.Found vendor = better(vendor(withoutSheetNames(lines, in.tables()), in.hints()), table.vendor());
        Sidecar.Found number = better(number(lines), table.number());
        Sidecar.Found payment = better(payment(lines), table.payment());
        List<Sidecar.LineItem> items = table.items().isEmpty() ? items(lines) : table.items();

        if (total == null && date == null && vendor == null && taxList.isEmpty()) {
            return null;
        }
        List<String> review = new ArrayList<>();
        flag(review, "total", total == null ? null : total.confidence());
        flag(review, "currency", currency == null ? null : currency.confidence());
        flag(review, "date", date == null ? null : date.confidence());
        flag(review, "vendor", vendor == null ? null : vendor.confidence());
        for (Sidecar.Tax t : taxList) {
            if (t.confidence() != null && t.confidence() < Sidecar.Receipt.REVIEW_BELOW && !review.contains("tax")) {
                review.add("tax");
            }
        }
        if (total == null) {
            review.add("total");
        }
        return new Sidecar.Receipt(total, date, vendor, currency, taxList.isEmpty() ? null : taxList, number, payment,
                items.isEmpty() ? null : items, !review.isEmpty(), review.isEmpty() ? null : review);
    }

    /** Convenience for plain text without hints or tables. */
    Sidecar.Receipt read(String text) {
        return read(ReceiptText.of(text));
    }

    /**
     * The fields of a plain text, with what the uploader said (retention class, file name; either may be
     * null): for tools that have text only, such as the receipts benchmark's bare references.
     */
    public static Sidecar.Receipt fromText(String text, String retentionClass, String fileName) {
        return new ReceiptReader().read(ReceiptText.of(text, List.of(),
                new ReceiptHints(retentionClass, fileName, null, null, null)));
    }

    private static void flag(List<String> review, String field, Double confidence) {
        if (confidence != null && confidence < Sidecar.Receipt.REVIEW_BELOW) {
            review.add(field);
        }
    }

    private static final Pattern OCR_SPLIT_DECIMALS = Pattern.compile("(\\d[.,]) (\\d{2})(?!\\d)");
    private static final Pattern OCR_GLUED_CURRENCY = Pattern.compile(
            "(?iu)(?<!\\p{L})(total|summe|gesamt)(EUR|USD|GBP|CHF|BRL)(?!\\p{L})");

    /**
     * OCR puts a space into "146,26" now and then, and drops the one in "TOTAL EUR" ("TOTALEUR"); a text
     * layer does neither, so only OCR lines are mended.
     */
    private static TextLine mended(TextLine line) {
        if (line.ocrConfidence() == null) {
            return line;
        }
        String text = OCR_SPLIT_DECIMALS.matcher(line.text()).replaceAll("$1$2");
        Matcher glued = OCR_GLUED_CURRENCY.matcher(text);
        text = glued.replaceAll(m -> m.group(1) + " " + m.group(2).toUpperCase(Locale.ROOT));
        return new TextLine(text, line.at(), line.ocrConfidence());
    }

    // ---- is it a receipt? ----

    static boolean isReceipt(ReceiptText in) {
        return isReceipt(in, in.lines());
    }

    private static boolean isReceipt(ReceiptText in, List<TextLine> lines) {
        if (in.hints().filedAsReceipt() || in.hints().namedAsReceipt()) {
            return true;
        }
        for (TextLine line : lines) {
            if (KIND.matcher(line.text()).find() || labelledTotalAtEnd(line.text())) {
                return true;
            }
        }
        return ReceiptTables.hasTotalColumn(in.tables());
    }

    /** "Total 15.12", "Gesamtbetrag: 1.234,56 EUR": a total label and, at the end of the line, an amount. */
    private static boolean labelledTotalAtEnd(String line) {
        if (!(STRONG_TOTAL.matcher(line).find() || PLAIN_TOTAL.matcher(line).find()) || NOT_TOTAL.matcher(line).find()
                || SUBTOTAL.matcher(line).find()) {
            return false;
        }
        MatchResult amount = Amounts.last(line, 0);
        return amount != null && Amounts.CURRENCY.matcher(line.substring(amount.end())).replaceAll("")
                .replaceAll("[\\s*]", "").isEmpty();
    }

    // ---- total ----

    private record Pick<T>(List<T> values) {
    }

    private static Sidecar.Amount total(List<TextLine> lines, String onlyCurrency, Sidecar.Amount subtotal,
            List<Sidecar.Tax> taxes) {
        Candidate strong = lastTotal(lines, STRONG_TOTAL);
        Candidate plain = lastTotal(lines, PLAIN_TOTAL);
        Candidate chosen = strong != null ? strong : plain;
        if (chosen == null) {
            return null;
        }
        double confidence = strong != null ? 0.9 : 0.85;
        if (chosen.split) {
            confidence -= 0.03;
        }
        BigDecimal value = new BigDecimal(chosen.amount);
        // A total that adds up, or that is printed again (the card payment, "given"), is confirmed.
        boolean confirmed = false;
        boolean contradicted = false;
        if (subtotal != null && !taxes.isEmpty()) {
            BigDecimal sum = new BigDecimal(subtotal.amount());
            for (Sidecar.Tax t : taxes) {
                sum = sum.add(new BigDecimal(t.amount()));
            }
            if (sum.subtract(value).abs().compareTo(CENT) <= 0) {
                confirmed = true;
            } else if (!sumIncludesTax(subtotal, value, taxes)) {
                contradicted = true;
            }
        }
        if (strong != null && plain != null && plain.index != strong.index && !plain.amount.equals(strong.amount)
                && plain.index > strong.index) {
            confidence -= 0.1;
        }
        if (!confirmed && repeatedElsewhere(lines, chosen)) {
            confirmed = true;
        }
        if (confirmed) {
            confidence = Math.max(confidence, 0.97);
        } else if (contradicted) {
            confidence = Math.min(confidence, 0.6);
        }
        confidence *= ocrFactor(chosen.lines);
        String currency = Amounts.currencyOn(chosen.amountLine);
        if (currency == null) {
            currency = Amounts.currencyOn(chosen.labelLine);
        }
        if (currency == null) {
            currency = onlyCurrency;
        }
        return new Sidecar.Amount(chosen.amount, currency, clip(chosen.source), chosen.at, round(confidence));
    }

    /** Subtotal lines that already include the tax ("Net 100.00 / incl. VAT 19.00 / Total 100.00") agree too. */
    private static boolean sumIncludesTax(Sidecar.Amount subtotal, BigDecimal total, List<Sidecar.Tax> taxes) {
        return new BigDecimal(subtotal.amount()).subtract(total).abs().compareTo(CENT) <= 0 && !taxes.isEmpty();
    }

    private record Candidate(String amount, String source, Sidecar.Location at, int index, boolean split,
            String labelLine, String amountLine, List<TextLine> lines) {
    }

    /** The bottom-most total line wins: totals close a receipt, and headers may say "Total" too. */
    private static Candidate lastTotal(List<TextLine> lines, Pattern keyword) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).text();
            Matcher k = keyword.matcher(line);
            if (!k.find() || NOT_TOTAL.matcher(line).find() || SUBTOTAL.matcher(line).find()
                    || (keyword == PLAIN_TOTAL && TAX.matcher(line).find() && !line.toLowerCase(Locale.ROOT).contains("incl"))) {
                continue;
            }
            MatchResult amount = Amounts.last(line, k.end());
            if (amount != null) {
                return new Candidate(Amounts.decimal(amount), line, lines.get(i).at(), i, false, line, line,
                        List.of(lines.get(i)));
            }
            // The figure under (or beside, in a table cell) its label: "TOTAL" then "15.12 EUR".
            if (i + 1 < lines.size() && Amounts.onlyAmount(lines.get(i + 1).text())
                    && line.length() - k.end() < 12) {
                String next = lines.get(i + 1).text();
                return new Candidate(Amounts.decimal(Amounts.last(next, 0)), line + " / " + next, lines.get(i + 1).at(),
                        i, true, line, next, List.of(lines.get(i), lines.get(i + 1)));
            }
        }
        return null;
    }

    private static boolean repeatedElsewhere(List<TextLine> lines, Candidate chosen) {
        for (int i = 0; i < lines.size(); i++) {
            if (i == chosen.index || (chosen.split && i == chosen.index + 1)) {
                continue;
            }
            String line = lines.get(i).text();
            if (SUBTOTAL.matcher(line).find() || TAX.matcher(line).find()) {
                continue;
            }
            Matcher m = Amounts.IN_TEXT.matcher(line);
            while (m.find()) {
                if (Amounts.decimal(m).equals(chosen.amount)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Sidecar.Amount subtotal(List<TextLine> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).text();
            Matcher s = SUBTOTAL.matcher(line);
            if (s.find()) {
                MatchResult amount = Amounts.last(line, s.end());
                if (amount != null) {
                    return new Sidecar.Amount(Amounts.decimal(amount), Amounts.currencyOn(line), clip(line),
                            lines.get(i).at(), null);
                }
                if (i + 1 < lines.size() && Amounts.onlyAmount(lines.get(i + 1).text())) {
                    String next = lines.get(i + 1).text();
                    return new Sidecar.Amount(Amounts.decimal(Amounts.last(next, 0)), Amounts.currencyOn(next),
                            clip(line + " / " + next), lines.get(i + 1).at(), null);
                }
            }
        }
        return null;
    }

    /**
     * Two readings of the total that differ (the text's and a table's): the surer one, but no longer sure
     * unless it adds up (0.97). A column header such as "Amount" over a line item is the usual cause.
     */
    private static Sidecar.Amount disagreeing(Sidecar.Amount fromLines, Sidecar.Amount fromTable) {
        Sidecar.Amount chosen = better(fromLines, fromTable);
        if (fromLines == null || fromTable == null || fromLines.amount().equals(fromTable.amount())
                || chosen.confidence() == null || chosen.confidence() >= 0.97) {
            return chosen;
        }
        return new Sidecar.Amount(chosen.amount(), chosen.currency(), chosen.source(), chosen.at(),
                Math.min(chosen.confidence(), 0.7));
    }

    /**
     * Taxes are confirmed when net plus taxes is a total printed on the receipt, and become unsure when a
     * net amount is printed but no total matches: one misread digit shows there.
     */
    private static Pick<Sidecar.Tax> checkedAgainst(Pick<Sidecar.Tax> taxes, Sidecar.Amount subtotal,
            List<TextLine> lines) {
        if (subtotal == null || taxes.values.isEmpty()) {
            return taxes;
        }
        BigDecimal sum = new BigDecimal(subtotal.amount());
        for (Sidecar.Tax t : taxes.values) {
            sum = sum.add(new BigDecimal(t.amount()));
        }
        boolean printed = false;
        for (TextLine line : lines) {
            Matcher m = Amounts.IN_TEXT.matcher(line.text());
            while (m.find()) {
                printed |= new BigDecimal(Amounts.decimal(m)).subtract(sum).abs().compareTo(CENT) <= 0;
            }
        }
        List<Sidecar.Tax> checked = new ArrayList<>();
        for (Sidecar.Tax t : taxes.values) {
            double c = t.confidence() == null ? 0.88 : t.confidence();
            checked.add(new Sidecar.Tax(t.amount(), t.rate(), t.source(), t.at(),
                    round(printed ? Math.max(c, 0.95) : Math.min(c, 0.6))));
        }
        return new Pick<>(checked);
    }

    // ---- tax ----

    private static Pick<Sidecar.Tax> taxes(List<TextLine> lines) {
        List<Sidecar.Tax> taxes = new ArrayList<>();
        Sidecar.Tax fromTable = null;
        for (int i = 0; i < lines.size(); i++) {
            TextLine tl = lines.get(i);
            String line = tl.text();
            Matcher tax = TAX.matcher(line);
            if (!tax.find() || TAX_ID.matcher(line).find()) {
                continue;
            }
            boolean totalLine = (STRONG_TOTAL.matcher(line).find() || PLAIN_TOTAL.matcher(line).find())
                    && !NOT_TOTAL.matcher(line).find();
            if (totalLine && (line.toLowerCase(Locale.ROOT).contains("incl") || STRONG_TOTAL.matcher(line).find())) {
                continue; // "Total incl. VAT 24.00" is the total
            }
            if (SUBTOTAL.matcher(line).find() && !Pattern.compile("(?iu)(zzgl|plus|acrescido|\\+)").matcher(line).find()) {
                continue; // "Total excl. VAT 20.00" is the net amount
            }
            if (isTaxTableHeader(line) && i + 1 < lines.size()) {
                List<Sidecar.Tax> rows = taxTable(lines, i);
                if (!rows.isEmpty()) {
                    taxes.addAll(rows);
                    i += rows.size();
                    continue;
                }
            }
            int amountsOnLine = Amounts.count(line);
            MatchResult amount = Amounts.last(line, tax.start());
            List<TextLine> used = List.of(tl);
            String source = line;
            if (amount == null && amountsOnLine == 0 && i + 1 < lines.size() && Amounts.onlyAmount(lines.get(i + 1).text())) {
                amount = Amounts.last(lines.get(i + 1).text(), 0);
                used = List.of(tl, lines.get(i + 1));
                source = line + " / " + lines.get(i + 1).text();
            }
            if (amount == null) {
                continue;
            }
            String value = Amounts.decimal(amount);
            Matcher rate = ReceiptVocabulary.RATE.matcher(line);
            String percent = rate.find() ? new BigDecimal(rate.group(1).replace(',', '.')).stripTrailingZeros()
                    .toPlainString() : null;
            double confidence = 0.88;
            if (percent != null && amountsOnLine >= 2) {
                // "VAT 20% on 100.00 = 20.00": the rate times the base gives the amount
                MatchResult first = firstAmount(line);
                BigDecimal base = new BigDecimal(Amounts.decimal(first));
                BigDecimal expected = base.multiply(new BigDecimal(percent)).divide(new BigDecimal(100));
                confidence = expected.subtract(new BigDecimal(value)).abs().compareTo(TAX_SLACK) <= 0 ? 0.95 : 0.75;
            }
            taxes.add(new Sidecar.Tax(value, percent, clip(source), tl.at(), round(confidence * ocrFactor(used))));
            fromTable = null;
        }
        return new Pick<>(dedupe(taxes, fromTable));
    }

    private static List<Sidecar.Tax> dedupe(List<Sidecar.Tax> taxes, Sidecar.Tax ignored) {
        // The same tax printed twice (a summary repeats it) counts once per rate and amount.
        List<Sidecar.Tax> out = new ArrayList<>();
        for (Sidecar.Tax t : taxes) {
            boolean seen = out.stream().anyMatch(o -> o.amount().equals(t.amount())
                    && java.util.Objects.equals(o.rate(), t.rate()));
            if (!seen) {
                out.add(t);
            }
        }
        return out;
    }

    private static MatchResult firstAmount(String line) {
        Matcher m = Amounts.IN_TEXT.matcher(line);
        return m.find() ? m.toMatchResult() : null;
    }

    private static final Pattern TAX_TABLE_WORDS = Pattern.compile("(?iu)(?<!\\p{L})(net|netto|base|incid[eê]ncia|"
            + "gross|brutto|total|valor|tax|vat|mwst|steuer|iva|ust)(?!\\p{L})");

    /** "MwSt  Netto  Steuer  Brutto": a header over rows of rate and amounts. */
    private static boolean isTaxTableHeader(String line) {
        if (Amounts.count(line) > 0) {
            return false;
        }
        Matcher m = TAX_TABLE_WORDS.matcher(line);
        int words = 0;
        while (m.find()) {
            words++;
        }
        return words >= 3;
    }

    private static List<Sidecar.Tax> taxTable(List<TextLine> lines, int header) {
        String head = lines.get(header).text();
        List<String> amountWords = new ArrayList<>();
        Matcher m = TAX_TABLE_WORDS.matcher(head);
        while (m.find()) {
            amountWords.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        // The first tax word names the rate column when it comes first; the amounts follow in header order.
        int taxColumn = -1;
        List<String> amountColumns = new ArrayList<>(amountWords);
        if (!amountColumns.isEmpty() && TAX.matcher(amountColumns.get(0)).matches()
                && amountColumns.stream().skip(1).anyMatch(w -> TAX.matcher(w).matches() || "steuer".equals(w))) {
            amountColumns.remove(0);
        }
        for (int c = 0; c < amountColumns.size(); c++) {
            String w = amountColumns.get(c);
            if (TAX.matcher(w).matches() || "steuer".equals(w)) {
                taxColumn = c;
                break;
            }
        }
        List<Sidecar.Tax> rows = new ArrayList<>();
        if (taxColumn < 0) {
            return rows;
        }
        for (int r = header + 1; r < lines.size(); r++) {
            TextLine row = lines.get(r);
            Matcher rate = ReceiptVocabulary.RATE.matcher(row.text());
            List<MatchResult> amounts = new ArrayList<>();
            Matcher a = Amounts.IN_TEXT.matcher(row.text());
            while (a.find()) {
                amounts.add(a.toMatchResult());
            }
            if (!rate.find() || amounts.size() != amountColumns.size()) {
                break;
            }
            String percent = new BigDecimal(rate.group(1).replace(',', '.')).stripTrailingZeros().toPlainString();
            String value = Amounts.decimal(amounts.get(taxColumn));
            rows.add(new Sidecar.Tax(value, percent, clip(head + " / " + row.text()), row.at(),
                    round(0.9 * ocrFactor(List.of(row)))));
        }
        return rows;
    }

    // ---- currency ----

    private static Sidecar.Found currency(List<TextLine> lines, Sidecar.Amount total, String code,
            Sidecar.Found fromTable) {
        if (code == null) {
            return fromTable;
        }
        if (total != null && code.equals(total.currency())) {
            for (TextLine line : lines) {
                if (total.at() != null && total.at().equals(line.at()) && Amounts.currencyOn(line.text()) != null) {
                    return new Sidecar.Found(code, clip(line.text()), line.at(), round(0.95 * ocrFactor(List.of(line))));
                }
            }
        }
        for (TextLine line : lines) {
            if (code.equals(Amounts.currencyOn(line.text()))) {
                return better(new Sidecar.Found(code, clip(line.text()), line.at(), round(0.9 * ocrFactor(List.of(line)))),
                        fromTable);
            }
        }
        return fromTable;
    }

    // ---- date ----

    private static Sidecar.Found date(List<TextLine> lines, boolean monthFirst) {
        double[] levels = { 0.95, 0.9 };
        Pattern[] labels = { ISSUE_DATE_LINE, DATE_LINE };
        for (int l = 0; l < labels.length; l++) {
            for (int i = 0; i < lines.size(); i++) {
                TextLine line = lines.get(i);
                if (labels[l].matcher(line.text()).find() && !OTHER_DATE_LINE.matcher(line.text()).find()) {
                    ReceiptDates.Read read = ReceiptDates.first(line.text(), monthFirst);
                    if (read != null) {
                        return dateFound(read, line, line.text(), levels[l], List.of(line));
                    }
                    // "Invoice date" alone, the date in the next line (or the next table cell)
                    if (i + 1 < lines.size() && labelOnly(line.text(), labels[l])) {
                        TextLine next = lines.get(i + 1);
                        ReceiptDates.Read below = ReceiptDates.first(next.text(), monthFirst);
                        if (below != null && below.start() == 0) {
                            return dateFound(below, next, line.text() + " / " + next.text(), levels[l] - 0.03,
                                    List.of(line, next));
                        }
                    }
                }
            }
        }
        for (TextLine line : lines) {
            if (!OTHER_DATE_LINE.matcher(line.text()).find()) {
                ReceiptDates.Read read = ReceiptDates.first(line.text(), monthFirst);
                if (read != null) {
                    return dateFound(read, line, line.text(), 0.82, List.of(line));
                }
            }
        }
        return null;
    }

    private static boolean labelOnly(String line, Pattern label) {
        Matcher m = label.matcher(line);
        return m.find() && line.substring(m.end()).replaceAll("[\\s:.]", "").isEmpty();
    }

    private static Sidecar.Found dateFound(ReceiptDates.Read read, TextLine at, String source, double level,
            List<TextLine> used) {
        double confidence = read.ambiguous() ? Math.min(level, 0.7) : level;
        return new Sidecar.Found(read.date().toString(), clip(source), at.at(), round(confidence * ocrFactor(used)));
    }

    // ---- vendor ----

    /**
     * A labelled vendor ("Vendor: ..."), an e-mail's subject ("Your receipt from Acme") or sender, else the
     * first of the top lines that reads like a name: mostly letters, short, no amount, date, address,
     * identifier or receipt vocabulary. A legal form (Ltd, GmbH, Lda) makes it surer.
     */
    private static Sidecar.Found vendor(List<TextLine> lines, ReceiptHints hints) {
        for (TextLine line : lines) {
            Matcher labelled = VENDOR_LABEL.matcher(line.text());
            if (labelled.matches()) {
                return new Sidecar.Found(cleanName(labelled.group(2)), clip(line.text()), line.at(),
                        round(0.93 * ocrFactor(List.of(line))));
            }
        }
        if (hints.mail()) {
            if (hints.title() != null) {
                Matcher subject = ReceiptVocabulary.SUBJECT_VENDOR.matcher(hints.title());
                if (subject.find()) {
                    return new Sidecar.Found(cleanName(subject.group(1)), clip(hints.title()), null, 0.85);
                }
            }
            Sidecar.Found head = headName(lines, true);
            if (head != null && head.confidence() >= 0.85) {
                return head;
            }
            if (hints.author() != null) {
                Matcher name = MAIL_NAME.matcher(hints.author());
                if (name.matches()) {
                    return new Sidecar.Found(cleanName(name.group(1)), clip(hints.author()), null, 0.8);
                }
            }
            return head;
        }
        return headName(lines, false);
    }

    private static Sidecar.Found headName(List<TextLine> lines, boolean mail) {
        int seen = 0;
        for (int i = 0; i < lines.size() && seen < VENDOR_HEAD_LINES; i++) {
            TextLine line = lines.get(i);
            String text = cleanName(line.text());
            if (mail && GREETING.matcher(text).find()) {
                continue;
            }
            seen++;
            if (looksLikeName(text)) {
                boolean legal = LEGAL_FORM.matcher(text).find();
                double confidence = legal ? 0.92 : seen == 1 ? 0.85 : 0.75;
                if (line.ocrConfidence() != null) {
                    // Diacritics and look-alike letters are what Tesseract misreads most (Müller as Muller,
                    // Bürobedarf as Biirobedarf): a name read from pixels is always checked by a person.
                    confidence = Math.min(confidence, 0.75);
                }
                if (mail && !legal) {
                    confidence -= 0.1;
                }
                return new Sidecar.Found(text, clip(line.text()), line.at(), round(confidence * ocrFactor(List.of(line))));
            }
        }
        return null;
    }

    static boolean looksLikeName(String line) {
        if (line.length() < 3 || line.length() > 60 || Character.isDigit(line.codePointAt(0)) || line.endsWith(",")
                || line.endsWith(":")) {
            return false;
        }
        long letters = line.codePoints().filter(Character::isLetter).count();
        long digits = line.codePoints().filter(Character::isDigit).count();
        // A name has a word of four letters or more: "ooo" and "TSS" are a photo's specks read as text.
        boolean word = java.util.Arrays.stream(line.split("[^\\p{L}]+")).anyMatch(w -> w.length() >= 4);
        return word && letters >= 3 && letters * 2 >= line.length() && digits <= 1 && !NOT_VENDOR.matcher(line).find()
                && Amounts.last(line, 0) == null && ReceiptDates.first(line, false) == null;
    }

    /** Strips OCR's stray marks and label punctuation around a name. */
    private static String cleanName(String name) {
        return name.replaceAll("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}.)]+$", "").replaceAll("\\s+", " ").strip();
    }

    /** A spreadsheet's text starts with its sheet's name, which is no vendor. */
    private static List<TextLine> withoutSheetNames(List<TextLine> lines, List<TableCells.Table> tables) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (TableCells.Table t : tables) {
            if (t.name() != null) {
                names.add(t.name());
            }
        }
        return names.isEmpty() ? lines : lines.stream().filter(l -> !names.contains(l.text())).toList();
    }

    // ---- number and payment ----

    private static Sidecar.Found number(List<TextLine> lines) {
        for (TextLine line : lines) {
            Matcher labelled = ReceiptVocabulary.NUMBER_LABEL.matcher(line.text());
            if (labelled.find() && labelled.group(2).codePoints().anyMatch(Character::isDigit)) {
                return new Sidecar.Found(labelled.group(2).strip(), clip(line.text()), line.at(),
                        round(0.9 * ocrFactor(List.of(line))));
            }
        }
        for (TextLine line : lines) {
            Matcher m = ReceiptVocabulary.NUMBER.matcher(line.text());
            if (m.find() && m.group(1).codePoints().anyMatch(Character::isDigit)
                    && ReceiptDates.first(m.group(1), false) == null && Amounts.last(m.group(1), 0) == null) {
                return new Sidecar.Found(m.group(1).strip(), clip(line.text()), line.at(),
                        round(0.8 * ocrFactor(List.of(line))));
            }
        }
        return null;
    }

    private static Sidecar.Found payment(List<TextLine> lines) {
        for (TextLine line : lines) {
            String text = line.text();
            Matcher m = ReceiptVocabulary.PAYMENT.matcher(text);
            if (!m.find()) {
                continue;
            }
            boolean labelled = ReceiptVocabulary.PAYMENT_LABEL.matcher(text).find();
            String word = fold(m.group(1));
            boolean specific = !Pattern.compile("card|karte|bar|cash|credit|debit|transfer").matcher(word).matches();
            if (labelled || specific) {
                return new Sidecar.Found(paymentKind(word), clip(text), line.at(),
                        round((labelled ? 0.9 : 0.85) * ocrFactor(List.of(line))));
            }
        }
        return null;
    }

    static String paymentKind(String word) {
        String w = fold(word).replaceAll("\\s+", " ");
        return ReceiptVocabulary.PAYMENT_KINDS.getOrDefault(w, "card");
    }

    // ---- line items ----

    private static final Pattern QUANTITY = Pattern.compile("^(\\d{1,3})\\s*(?:x|×|stk\\.?|un\\.?|pcs?)?\\s+(?=\\p{L})",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** Lines between the head and the first (sub)total that end in an amount and start with words. */
    private static List<Sidecar.LineItem> items(List<TextLine> lines) {
        List<Sidecar.LineItem> items = new ArrayList<>();
        for (TextLine line : lines) {
            String text = line.text();
            if (STRONG_TOTAL.matcher(text).find() || PLAIN_TOTAL.matcher(text).find() || SUBTOTAL.matcher(text).find()) {
                break;
            }
            MatchResult amount = Amounts.last(text, 0);
            if (amount == null || TAX.matcher(text).find() || ReceiptDates.first(text, false) != null) {
                continue;
            }
            String before = text.substring(0, amount.start());
            String quantity = null;
            Matcher q = QUANTITY.matcher(before);
            if (q.find()) {
                quantity = q.group(1);
                before = before.substring(q.end());
            }
            String description = Amounts.IN_TEXT.matcher(before).replaceAll("").replaceAll(
                    "(?iu)(?<!\\p{L})(x|×|€|\\$|£|eur|usd|gbp|brl|r\\$)(?!\\p{L})", "").replaceAll("[\\s@*]+$", "").strip();
            if (description.codePoints().filter(Character::isLetter).count() < 3) {
                continue;
            }
            items.add(new Sidecar.LineItem(description, quantity, Amounts.decimal(amount), clip(text), line.at()));
        }
        return items;
    }

    // ---- shared ----

    /** A lower OCR confidence on any line a value came from lowers the value's confidence. */
    static double ocrFactor(List<TextLine> used) {
        double factor = 1;
        for (TextLine line : used) {
            Double c = line.ocrConfidence();
            if (c == null) {
                continue;
            }
            double f = c >= 90 ? 1 : c >= 80 ? 0.93 : c >= 70 ? 0.85 : c >= 55 ? 0.75 : 0.6;
            factor = Math.min(factor, f);
        }
        return factor;
    }

    static <T> T better(T a, T b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return confidence(b) > confidence(a) ? b : a;
    }

    private static double confidence(Object field) {
        Double c = field instanceof Sidecar.Found f ? f.confidence()
                : field instanceof Sidecar.Amount a ? a.confidence() : null;
        return c == null ? 0 : c;
    }

    static double round(double confidence) {
        return Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100.0;
    }

    static String fold(String s) {
        return Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }

    static String clip(String line) {
        return line.length() <= SOURCE_CHARS ? line : line.substring(0, SOURCE_CHARS - 1) + "…";
    }
}
