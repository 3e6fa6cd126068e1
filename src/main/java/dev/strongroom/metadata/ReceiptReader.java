package dev.strongroom.metadata;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Best-effort receipt and invoice fields from plain text: total with currency, document date and
 * vendor, each with the line it came from. These are heuristics over the text layout, written down in
 * docs/metadata.md; they are right on ordinary receipts and invoices and may be wrong or empty on
 * unusual ones, which is why every value carries its source line for a person to check.
 */
final class ReceiptReader {

    /** Only text that calls itself a receipt or invoice gets receipt fields at all. */
    private static final Pattern KIND = Pattern.compile(
            "(?iu)\\b(receipt|invoice|bill|facture|rechnung|quittung|factura|fattura|kassenbon|amount\\s+due|total\\s+due|balance\\s+due)\\b");

    private static final Pattern STRONG_TOTAL = Pattern.compile("(?iu)\\b(grand\\s+total|amount\\s+due|total\\s+due|"
            + "balance\\s+due|total\\s+amount|amount\\s+payable|total\\s+payable|total\\s+to\\s+pay|gesamtbetrag|"
            + "rechnungsbetrag|montant\\s+total|total\\s+ttc|importe\\s+total)\\b");
    private static final Pattern PLAIN_TOTAL = Pattern.compile("(?iu)\\b(total|gesamt|summe|totale|totaal)\\b");
    private static final Pattern NOT_TOTAL = Pattern.compile("(?iu)\\b(sub[-\\s]?total|total\\s+(tax|vat|net|excl|before|"
            + "items?|savings?|discount|quantity|qty)|(tax|vat|net|items?)\\s+total)\\b");

    /**
     * An amount with exactly two decimals, with or without thousands separators: 15.12, 4,250.00,
     * 1.234,56, 1'234.56, and with a no-break space. A plain space is not taken as a thousands separator
     * ("2 100.00" is more often a quantity and a price). Not followed by another digit group, so dates
     * such as 03.11.2026 do not match.
     */
    private static final Pattern AMOUNT = Pattern.compile(
            "(?<![\\d.,])(\\d{1,3}(?:[,.'\\u00A0\\u202F]\\d{3})+|\\d+)[.,](\\d{2})(?!\\d|[.,]\\d)");

    private static final Pattern CURRENCY = Pattern.compile(
            "(?u)(US\\$|CA\\$|C\\$|AU\\$|A\\$|€|\\$|£|¥|₹|\\b(?:EUR|USD|GBP|CHF|JPY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|"
                    + "INR|CNY|SGD|HKD|ZAR|BRL|MXN)\\b)");
    private static final Map<String, String> SYMBOLS = Map.of("€", "EUR", "$", "USD", "US$", "USD", "£", "GBP", "¥",
            "JPY", "₹", "INR", "CA$", "CAD", "C$", "CAD", "AU$", "AUD", "A$", "AUD");

    private static final Pattern ISSUE_DATE_LINE = Pattern.compile(
            "(?iu)\\b((invoice|receipt|issue|document|transaction|order|billing)\\s+date|date\\s+of\\s+issue|issued|dated)\\b");
    private static final Pattern DATE_LINE = Pattern.compile("(?iu)\\b(date|datum|fecha)\\b");
    private static final Pattern OTHER_DATE_LINE = Pattern.compile(
            "(?iu)\\b(due|delivery|expiry|expires|valid|payment\\s+by|pay\\s+by|period)\\b");

    private static final Pattern ISO_DATE = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{2})-(\\d{2})(?!\\d)");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<![\\d.,])(\\d{1,2})([./-])(\\d{1,2})\\2(\\d{4}|\\d{2})(?![\\d])");
    private static final String MONTHS = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
            + "sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?iu)(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\.?\\s+" + MONTHS + "\\.?,?\\s+(\\d{4})(?!\\d)");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(?iu)\\b" + MONTHS + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)");

    private static final Pattern VENDOR_LABEL = Pattern.compile(
            "(?iu)^\\s*(vendor|seller|merchant|supplier|sold\\s+by|billed\\s+by|issued\\s+by|payee|lieferant|verkäufer|fournisseur)\\s*[:\\-]\\s*(.{2,80})$");
    private static final Pattern NOT_VENDOR = Pattern.compile(
            "(?iu)\\b(receipt|invoice|tax|vat|date|page|total|amount|bill\\s+to|ship\\s+to|customer|order|no\\.|number|"
                    + "hello|dear|hi|thank)\\b|@|https?:|www\\.|#");

    private static final int SOURCE_CHARS = 160;
    private static final int VENDOR_HEAD_LINES = 3;

    Sidecar.Receipt read(String text) {
        if (text == null || !KIND.matcher(text).find()) {
            return null;
        }
        List<String> lines = lines(text);
        Sidecar.Amount total = total(lines, text);
        Sidecar.Found date = date(lines, total == null ? null : total.currency());
        Sidecar.Found vendor = vendor(lines);
        if (total == null && date == null && vendor == null) {
            return null;
        }
        return new Sidecar.Receipt(total, date, vendor);
    }

    // ---- total ----

    private static Sidecar.Amount total(List<String> lines, String text) {
        Sidecar.Amount strong = lastTotal(lines, STRONG_TOTAL, text);
        return strong != null ? strong : lastTotal(lines, PLAIN_TOTAL, text);
    }

    /** The bottom-most total line wins: totals close a receipt, and headers may say "Total" too. */
    private static Sidecar.Amount lastTotal(List<String> lines, Pattern keyword, String text) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            Matcher k = keyword.matcher(line);
            if (!k.find() || NOT_TOTAL.matcher(line).find()) {
                continue;
            }
            String source = line;
            MatchResult amount = lastAmount(line, k.end());
            if (amount == null && i + 1 < lines.size() && onlyAmount(lines.get(i + 1))) {
                // Layouts that put the figure under its label: "TOTAL" then "15.12 EUR".
                source = line + " / " + lines.get(i + 1);
                amount = lastAmount(lines.get(i + 1), 0);
                line = lines.get(i + 1);
            }
            if (amount == null) {
                continue;
            }
            String currency = currencyOn(line);
            if (currency == null) {
                currency = onlyCurrencyIn(text);
            }
            return new Sidecar.Amount(decimal(amount), currency, clip(source));
        }
        return null;
    }

    private static MatchResult lastAmount(String line, int from) {
        Matcher m = AMOUNT.matcher(line);
        MatchResult last = null;
        int start = from;
        while (start <= line.length() && m.find(start)) {
            last = m.toMatchResult();
            start = m.end();
        }
        return last;
    }

    private static boolean onlyAmount(String line) {
        Matcher m = AMOUNT.matcher(line);
        if (!m.find()) {
            return false;
        }
        String rest = (line.substring(0, m.start()) + line.substring(m.end())).replaceAll(CURRENCY.pattern(), "");
        return rest.isBlank();
    }

    private static String decimal(MatchResult amount) {
        String whole = amount.group(1).replaceAll("[^0-9]", "");
        return new BigDecimal(whole + "." + amount.group(2)).toPlainString();
    }

    private static String currencyOn(String line) {
        Matcher m = CURRENCY.matcher(line);
        return m.find() ? code(m.group(1)) : null;
    }

    /** A currency stated once (or always the same) anywhere in the text applies to a bare total. */
    private static String onlyCurrencyIn(String text) {
        Matcher m = CURRENCY.matcher(text);
        String found = null;
        while (m.find()) {
            String code = code(m.group(1));
            if (found != null && !found.equals(code)) {
                return null;
            }
            found = code;
        }
        return found;
    }

    private static String code(String token) {
        return SYMBOLS.getOrDefault(token, token);
    }

    // ---- date ----

    private static Sidecar.Found date(List<String> lines, String currency) {
        boolean monthFirst = "USD".equals(currency);
        for (Pattern preferred : new Pattern[] { ISSUE_DATE_LINE, DATE_LINE }) {
            for (String line : lines) {
                if (preferred.matcher(line).find() && !OTHER_DATE_LINE.matcher(line).find()) {
                    LocalDate date = firstDate(line, monthFirst);
                    if (date != null) {
                        return new Sidecar.Found(date.toString(), clip(line));
                    }
                }
            }
        }
        for (String line : lines) {
            if (!OTHER_DATE_LINE.matcher(line).find()) {
                LocalDate date = firstDate(line, monthFirst);
                if (date != null) {
                    return new Sidecar.Found(date.toString(), clip(line));
                }
            }
        }
        return null;
    }

    /**
     * The first date on a line. Numeric dates with dots are day first (European). With slashes or
     * dashes, a part above 12 settles the order; when both could be the month, day first unless the
     * receipt is in US dollars.
     */
    static LocalDate firstDate(String line, boolean monthFirst) {
        List<int[]> candidates = new ArrayList<>();
        Matcher iso = ISO_DATE.matcher(line);
        while (iso.find()) {
            candidates.add(new int[] { iso.start(), num(iso.group(1)), num(iso.group(2)), num(iso.group(3)) });
        }
        Matcher numeric = NUMERIC_DATE.matcher(line);
        while (numeric.find()) {
            int a = num(numeric.group(1));
            int b = num(numeric.group(3));
            int year = year(numeric.group(4));
            boolean dayFirst;
            if (".".equals(numeric.group(2))) {
                dayFirst = true;
            } else if (a > 12) {
                dayFirst = true;
            } else if (b > 12) {
                dayFirst = false;
            } else {
                dayFirst = !monthFirst;
            }
            candidates.add(dayFirst ? new int[] { numeric.start(), year, b, a } : new int[] { numeric.start(), year, a, b });
        }
        Matcher dmy = DAY_MONTH_YEAR.matcher(line);
        while (dmy.find()) {
            candidates.add(new int[] { dmy.start(), num(dmy.group(3)), month(dmy.group(2)), num(dmy.group(1)) });
        }
        Matcher mdy = MONTH_DAY_YEAR.matcher(line);
        while (mdy.find()) {
            candidates.add(new int[] { mdy.start(), num(mdy.group(3)), month(mdy.group(1)), num(mdy.group(2)) });
        }
        candidates.sort((x, y) -> Integer.compare(x[0], y[0]));
        for (int[] c : candidates) {
            try {
                LocalDate date = LocalDate.of(c[1], c[2], c[3]);
                if (date.getYear() >= 1900 && date.getYear() <= 2200) {
                    return date;
                }
            } catch (DateTimeException notADate) {
                // 31/02 and the like: look further along the line.
            }
        }
        return null;
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }

    private static int year(String digits) {
        int y = num(digits);
        return digits.length() == 2 ? 2000 + y : y;
    }

    private static int month(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        String[] prefixes = { "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec" };
        for (int i = 0; i < prefixes.length; i++) {
            if (n.startsWith(prefixes[i])) {
                return i + 1;
            }
        }
        return 0;
    }

    // ---- vendor ----

    /**
     * A labelled vendor ("Vendor: ..." / "Sold by ..."), else the first of the top lines that reads
     * like a name: letters, short, no amount, date, address marker or receipt vocabulary.
     */
    private static Sidecar.Found vendor(List<String> lines) {
        for (String line : lines) {
            Matcher labelled = VENDOR_LABEL.matcher(line);
            if (labelled.matches()) {
                return new Sidecar.Found(labelled.group(2).strip(), clip(line));
            }
        }
        for (int i = 0; i < Math.min(VENDOR_HEAD_LINES, lines.size()); i++) {
            String line = lines.get(i);
            if (looksLikeName(line)) {
                return new Sidecar.Found(line, clip(line));
            }
        }
        return null;
    }

    private static boolean looksLikeName(String line) {
        if (line.length() < 3 || line.length() > 60 || Character.isDigit(line.codePointAt(0))
                || line.endsWith(",") || line.endsWith(":")) {
            return false;
        }
        long letters = line.codePoints().filter(Character::isLetter).count();
        return letters >= 3 && letters * 2 >= line.length() && !NOT_VENDOR.matcher(line).find()
                && !AMOUNT.matcher(line).find() && firstDate(line, false) == null;
    }

    // ---- text ----

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = raw.replaceAll("[ \\t\\f]+", " ").strip();
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String clip(String line) {
        return line.length() <= SOURCE_CHARS ? line : line.substring(0, SOURCE_CHARS - 1) + "…";
    }
}
