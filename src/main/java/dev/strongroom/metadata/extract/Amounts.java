package dev.strongroom.metadata.extract;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Money as receipts print it. In running text an amount has exactly two decimals (15.12, 4,250.00,
 * 1.234,56, 1'234.56, with a no-break space as thousands separator), because a bare 2 100 or 1893 is
 * more often a quantity, a year or a postcode. A spreadsheet cell holding only a number is an amount
 * whatever its decimals: a cell formatted "General" shows 1893.40 as 1893.4.
 */
final class Amounts {

    /** Not followed by another digit group (dates such as 03.11.2026) or a percent sign (a rate, 7.25 %). */
    static final Pattern IN_TEXT = Pattern.compile(
            "(?<![\\d.,])(-?)(\\d{1,3}(?:[,.'\\u00A0\\u202F]\\d{3})+|\\d+)[.,](\\d{2})(?!\\d|[.,]\\d|\\s?%)");

    static final Pattern CURRENCY = Pattern.compile(
            "(?u)(R\\$|US\\$|CA\\$|C\\$|AU\\$|A\\$|€|\\$|£|¥|₹|\\b(?:EUR|USD|GBP|CHF|JPY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|"
                    + "HUF|INR|CNY|SGD|HKD|ZAR|BRL|MXN)\\b|\\bEuro?\\b|\\bReais\\b)");
    private static final Map<String, String> SYMBOLS = Map.ofEntries(Map.entry("€", "EUR"), Map.entry("$", "USD"),
            Map.entry("US$", "USD"), Map.entry("£", "GBP"), Map.entry("¥", "JPY"), Map.entry("₹", "INR"),
            Map.entry("CA$", "CAD"), Map.entry("C$", "CAD"), Map.entry("AU$", "AUD"), Map.entry("A$", "AUD"),
            Map.entry("R$", "BRL"), Map.entry("Euro", "EUR"), Map.entry("Eur", "EUR"), Map.entry("Reais", "BRL"));

    private static final Pattern CELL_NUMBER = Pattern.compile(
            "(-?)(\\d{1,3}(?:([,.'\\u00A0\\u202F ])\\d{3})*|\\d+)(?:([.,])(\\d+))?");

    private Amounts() {
    }

    /** The last amount on the line at or after {@code from}, or null. */
    static MatchResult last(String line, int from) {
        Matcher m = IN_TEXT.matcher(line);
        MatchResult last = null;
        int start = from;
        while (start <= line.length() && m.find(start)) {
            last = m.toMatchResult();
            start = m.end();
        }
        return last;
    }

    static int count(String line) {
        Matcher m = IN_TEXT.matcher(line);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The amount as a plain decimal with two places: "4250.00". */
    static String decimal(MatchResult amount) {
        String whole = amount.group(2).replaceAll("[^0-9]", "");
        return new BigDecimal(amount.group(1) + whole + "." + amount.group(3)).toPlainString();
    }

    /** Whether the line holds one amount and, besides it, at most a currency. */
    static boolean onlyAmount(String line) {
        Matcher m = IN_TEXT.matcher(line);
        if (!m.find()) {
            return false;
        }
        String rest = line.substring(0, m.start()) + line.substring(m.end());
        return CURRENCY.matcher(rest).replaceAll("").replaceAll("[\\s:=*]", "").isEmpty();
    }

    /**
     * A spreadsheet or CSV cell that holds only an amount (and perhaps a currency): its value with two
     * places, else null. One separator followed by exactly three digits is a thousands separator
     * ("1.234" is 1234 in a German sheet); otherwise the last separator is the decimal one.
     */
    static String cell(String cell) {
        if (cell == null) {
            return null;
        }
        String bare = CURRENCY.matcher(cell).replaceAll("").strip();
        Matcher m = CELL_NUMBER.matcher(bare);
        if (bare.isEmpty() || !m.matches()) {
            return null;
        }
        String integer = m.group(2);
        String decimals = m.group(5);
        String grouping = m.group(3);
        if (decimals != null && grouping == null && decimals.length() == 3 && !integer.isEmpty()
                && integer.length() <= 3 && !"0".equals(integer)) {
            // "1.234" or "1,234": one group of three, read as thousands
            integer = integer + decimals;
            decimals = null;
        } else if (decimals != null && grouping != null && grouping.equals(m.group(4))) {
            return null; // "1,234,5": not a number anyone writes
        }
        BigDecimal value = new BigDecimal(m.group(1) + integer.replaceAll("[^0-9]", "")
                + (decimals == null ? "" : "." + decimals));
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    /** The ISO code of the first currency on the line, or null. */
    static String currencyOn(String line) {
        Matcher m = CURRENCY.matcher(line);
        return m.find() ? code(m.group(1)) : null;
    }

    /** The one currency a text states (once, or always the same), or null when none or several. */
    static String onlyCurrencyIn(Iterable<String> lines) {
        String found = null;
        for (String line : lines) {
            Matcher m = CURRENCY.matcher(line);
            while (m.find()) {
                String code = code(m.group(1));
                if (found != null && !found.equals(code)) {
                    return null;
                }
                found = code;
            }
        }
        return found;
    }

    static String code(String token) {
        String t = token.strip();
        String symbol = SYMBOLS.get(t);
        if (symbol != null) {
            return symbol;
        }
        return t.length() == 3 ? t.toUpperCase(java.util.Locale.ROOT) : SYMBOLS.getOrDefault(
                t.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + t.substring(1).toLowerCase(java.util.Locale.ROOT),
                t);
    }
}
