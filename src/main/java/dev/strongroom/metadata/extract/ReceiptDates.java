package dev.strongroom.metadata.extract;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as receipts print them, in English, Portuguese and German: {@code 2026-11-03}, {@code 03.11.2026},
 * {@code 03/11/2026}, {@code 03-11-26}, {@code 3 Nov 2026}, {@code November 3, 2026}, {@code 3. März 2026},
 * {@code 3 de março de 2026}. Numeric dates with dots are day first. With slashes or dashes a part above 12
 * settles the order; when both parts could be the month the date is ambiguous: day first unless the
 * receipt is in US dollars, and said to be a guess.
 */
final class ReceiptDates {

    /** A date and whether its day and month could have been the other way round. */
    record Read(LocalDate date, boolean ambiguous, int start) {
    }

    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\d.,])(\\d{1,2})\\s?([./-])\\s?(\\d{1,2})\\s?\\2\\s?(\\d{4}|\\d{2})(?![\\d]|[.,]\\d)");
    private static final Map<String, Integer> MONTHS = months();
    private static final String MONTH = "(\\p{L}{3,10})\\.?";
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
            "(?iu)(?<!\\d)(\\d{1,2})(?:st|nd|rd|th|º)?\\.?\\s*(?:de\\s+)?" + MONTH + "\\s*,?\\s*(?:de\\s+)?(\\d{4})(?!\\d)");
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(?iu)(?<!\\p{L})" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)");

    private ReceiptDates() {
    }

    /** The first date on the line, or null. */
    static Read first(String line, boolean monthFirst) {
        List<Read> found = new ArrayList<>();
        Matcher iso = ISO.matcher(line);
        while (iso.find()) {
            add(found, num(iso.group(1)), num(iso.group(2)), num(iso.group(3)), false, iso.start());
        }
        Matcher numeric = NUMERIC.matcher(line);
        while (numeric.find()) {
            int a = num(numeric.group(1));
            int b = num(numeric.group(3));
            int year = year(numeric.group(4));
            boolean dayFirst;
            boolean ambiguous = false;
            if (".".equals(numeric.group(2)) || a > 12) {
                dayFirst = true;
            } else if (b > 12) {
                dayFirst = false;
            } else {
                dayFirst = !monthFirst;
                ambiguous = a != b;
            }
            if (dayFirst) {
                add(found, year, b, a, ambiguous, numeric.start());
            } else {
                add(found, year, a, b, ambiguous, numeric.start());
            }
        }
        Matcher dmy = DAY_MONTH_YEAR.matcher(line);
        while (dmy.find()) {
            Integer month = month(dmy.group(2));
            if (month != null) {
                add(found, num(dmy.group(3)), month, num(dmy.group(1)), false, dmy.start());
            }
        }
        Matcher mdy = MONTH_DAY_YEAR.matcher(line);
        while (mdy.find()) {
            Integer month = month(mdy.group(1));
            if (month != null) {
                add(found, num(mdy.group(3)), month, num(mdy.group(2)), false, mdy.start());
            }
        }
        return found.stream().min((x, y) -> Integer.compare(x.start(), y.start())).orElse(null);
    }

    private static void add(List<Read> found, int year, int month, int day, boolean ambiguous, int start) {
        try {
            LocalDate date = LocalDate.of(year, month, day);
            if (date.getYear() >= 1900 && date.getYear() <= 2200) {
                found.add(new Read(date, ambiguous, start));
            }
        } catch (DateTimeException notADate) {
            // 31/02 and the like: not a date
        }
    }

    private static Integer month(String name) {
        String n = Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        Integer exact = MONTHS.get(n);
        if (exact != null) {
            return exact;
        }
        // "Sept", "Janu": a prefix of a month's full name; "Market" is not one
        if (n.length() < 3) {
            return null;
        }
        return MONTHS.entrySet().stream().filter(e -> e.getKey().length() > 4 && e.getKey().startsWith(n))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    private static int num(String digits) {
        return Integer.parseInt(digits);
    }

    private static int year(String digits) {
        int y = num(digits);
        return digits.length() == 2 ? 2000 + y : y;
    }

    /** Month names and abbreviations in English, German and Portuguese, without accents. */
    private static Map<String, Integer> months() {
        String[][] names = {
            { "january", "jan", "januar", "janeiro", "jaenner", "janner" },
            { "february", "feb", "februar", "fevereiro", "fev" },
            { "march", "mar", "marz", "maerz", "mrz", "marco" },
            { "april", "apr", "abril", "abr" },
            { "may", "mai", "maio" },
            { "june", "jun", "juni", "junho" },
            { "july", "jul", "juli", "julho" },
            { "august", "aug", "agosto", "ago" },
            { "september", "sep", "sept", "setembro", "set" },
            { "october", "oct", "oktober", "okt", "outubro", "out" },
            { "november", "nov", "novembro" },
            { "december", "dec", "dezember", "dez", "dezembro" } };
        java.util.HashMap<String, Integer> map = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            for (String n : names[i]) {
                map.put(n, i + 1);
            }
        }
        return Map.copyOf(map);
    }
}
