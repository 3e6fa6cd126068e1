package dev.strongroom.metadata.statement;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Checks a CSV statement against the declared schema ({@link StatementColumn}) and gives its sidecar:
 * every line when the whole file is valid, otherwise every refused row by line number, column and reason,
 * and no line at all (a file with errors is kept as a record but nothing of it is loaded).
 * <p>
 * Checked per line: the account (one per file), the date (ISO-8601), the merchant (1 to
 * {@value #MAX_MERCHANT} characters), the amount (signed decimal with at most the currency's minor
 * digits), the currency (ISO 4217) and, when the file has a balance column, that each balance is the
 * previous one plus the line's amount. The bytes are hashed while they are read and must be the SHA-256
 * the caller names (the vault's record of them). Within {@code maxBytes} and {@code maxLines}; past
 * either, the file is invalid. Memory holds the valid lines only, never the file.
 */
public final class StatementValidator {

    /**
     * The retention class that makes a document a statement: the vault and the Lambda (which reads it from
     * the backup's {@code retention-class} object metadata) both recognise statements by it. policies/retention.yaml
     * defines how long statements are kept.
     */
    public static final String RETENTION_CLASS = "statement";

    public static final int MAX_LISTED_ERRORS = 1000;
    public static final int MAX_ACCOUNT = 64;
    public static final int MAX_MERCHANT = 200;
    public static final int MAX_REFERENCE = 100;
    public static final long DEFAULT_MAX_BYTES = 50L * 1024 * 1024;
    public static final int DEFAULT_MAX_LINES = 500_000;

    private static final Pattern AMOUNT = Pattern.compile("[+-]?\\d{1,15}(\\.\\d{1,4})?");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

    private final long maxBytes;
    private final int maxLines;

    public StatementValidator() {
        this(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES);
    }

    public StatementValidator(long maxBytes, int maxLines) {
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
    }

    /**
     * Validates the file; never throws for anything the file does (that is an invalid sidecar), only
     * when the stream itself cannot be read.
     *
     * @param sha256 the vault's SHA-256 of these bytes, hex
     * @param size   their size as the vault recorded it
     */
    public StatementSidecar validate(InputStream in, String sha256, long size) throws IOException {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Run run = new Run();
        HashingStream bytes = new HashingStream(in, maxBytes);
        if (size > maxBytes) {
            run.error(1, null, "the file has " + size + " bytes; a statement may have at most " + maxBytes);
        } else {
            try (Reader reader = new InputStreamReader(bytes, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))) {
                read(reader, run);
            } catch (TooLarge e) {
                run.error(run.lastLine + 1, null, "the file has more than " + maxBytes + " bytes; a statement may "
                        + "have at most that many");
            } catch (CharacterCodingException e) {
                run.error(run.lastLine + 1, null, "the file is not UTF-8 text");
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    run.error(run.lastLine + 1, null, "the file is not UTF-8 text");
                } else if (e.getCause() instanceof TooLarge) {
                    run.error(run.lastLine + 1, null, "the file has more than " + maxBytes + " bytes");
                } else {
                    // Commons CSV wraps its own parse errors (an unclosed quote) in UncheckedIOException too.
                    run.error(run.lastLine + 1, null, "not readable as CSV: " + e.getCause().getMessage());
                }
            }
            String actual = bytes.finish();
            if (!actual.equals(sha256)) {
                run.error(1, null, "the bytes hash to SHA-256 " + actual + ", not the vault's " + sha256);
            }
        }
        boolean valid = run.errorCount == 0;
        return new StatementSidecar(StatementSidecar.SCHEMA_VERSION, sha256, size, StatementFormat.CSV,
                valid ? Validity.VALID : Validity.INVALID, run.account, run.from == null ? null : run.from.toString(),
                run.to == null ? null : run.to.toString(), List.copyOf(run.currencies),
                valid && run.opening != null ? run.opening.toPlainString() : null,
                valid && run.balance != null ? run.balance.toPlainString() : null, run.lineCount, run.errorCount,
                List.copyOf(run.errors), valid ? List.copyOf(run.lines) : List.of(), at.toString(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private void read(Reader reader, Run run) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            if (!records.hasNext()) {
                run.error(1, null, "the file is empty: a header row and at least one line are expected");
                return;
            }
            Map<StatementColumn, Integer> columns = header(records.next(), run);
            run.lastLine = (int) parser.getCurrentLineNumber();
            if (columns == null) {
                return;
            }
            while (records.hasNext()) {
                CSVRecord record = records.next();
                int line = (int) parser.getCurrentLineNumber();
                run.lastLine = line;
                if (++run.lineCount > maxLines) {
                    run.error(line, null, "more than " + maxLines + " lines; a statement may have at most that many");
                    return;
                }
                row(record, line, columns, run);
            }
            if (run.lineCount == 0) {
                run.error(run.lastLine, null, "no lines below the header");
            }
            if (columns.containsKey(StatementColumn.BALANCE) && run.currencies.size() > 1) {
                run.error(1, StatementColumn.BALANCE.title(), "a running balance needs one currency; the lines are in "
                        + String.join(", ", run.currencies));
            }
        }
    }

    /** The column of each schema field, or null (with the errors recorded) when the header does not fit the schema. */
    private static Map<StatementColumn, Integer> header(CSVRecord record, Run run) {
        Map<StatementColumn, Integer> columns = new EnumMap<>(StatementColumn.class);
        boolean ok = true;
        for (int i = 0; i < record.size(); i++) {
            String name = i == 0 ? record.get(i).replace("\uFEFF", "") : record.get(i);
            StatementColumn column = StatementColumn.byHeader(name).orElse(null);
            if (column == null) {
                continue;
            }
            if (columns.putIfAbsent(column, i) != null) {
                run.error(1, column.title(), "the header names the column twice (columns " + (columns.get(column) + 1)
                        + " and " + (i + 1) + ")");
                ok = false;
            }
        }
        for (StatementColumn column : StatementColumn.values()) {
            if (column.required() && !columns.containsKey(column)) {
                run.error(1, column.title(), "required column missing from the header (the columns are "
                        + requiredColumns() + ", optionally balance and reference)");
                ok = false;
            }
        }
        return ok ? columns : null;
    }

    private static String requiredColumns() {
        List<String> names = new ArrayList<>();
        for (StatementColumn c : StatementColumn.values()) {
            if (c.required()) {
                names.add(c.title());
            }
        }
        return String.join(", ", names);
    }

    private static void row(CSVRecord record, int line, Map<StatementColumn, Integer> columns, Run run) {
        int before = run.errorCount;
        String account = text(record, line, columns, StatementColumn.ACCOUNT, MAX_ACCOUNT, run);
        LocalDate date = date(field(record, columns, StatementColumn.DATE), line, run);
        String merchant = text(record, line, columns, StatementColumn.MERCHANT, MAX_MERCHANT, run);
        String currency = currency(field(record, columns, StatementColumn.CURRENCY), line, run);
        BigDecimal amount = amount(field(record, columns, StatementColumn.AMOUNT), currency, line, run);
        String reference = columns.containsKey(StatementColumn.REFERENCE)
                ? optionalText(record, line, columns, StatementColumn.REFERENCE, MAX_REFERENCE, run) : null;
        BigDecimal balance = null;
        if (columns.containsKey(StatementColumn.BALANCE)) {
            balance = balance(field(record, columns, StatementColumn.BALANCE), amount, line, run);
        }
        if (account != null) {
            if (run.account == null) {
                run.account = account;
            } else if (!run.account.equals(account)) {
                run.error(line, StatementColumn.ACCOUNT.title(), "account '" + account + "' differs from the statement's "
                        + "account '" + run.account + "': one statement covers one account");
            }
        }
        if (date != null) {
            run.from = run.from == null || date.isBefore(run.from) ? date : run.from;
            run.to = run.to == null || date.isAfter(run.to) ? date : run.to;
        }
        if (currency != null) {
            run.currencies.add(currency);
        }
        if (run.errorCount == before) {
            run.lines.add(new StatementRow(line, date.toString(), merchant, amount.toPlainString(), currency,
                    balance == null ? null : balance.toPlainString(), reference));
        }
    }

    private static String field(CSVRecord record, Map<StatementColumn, Integer> columns, StatementColumn column) {
        int index = columns.get(column);
        return index < record.size() ? record.get(index).strip() : null;
    }

    private static String text(CSVRecord record, int line, Map<StatementColumn, Integer> columns,
            StatementColumn column, int max, Run run) {
        String value = field(record, columns, column);
        if (value == null) {
            run.error(line, column.title(), "missing: the line has " + record.size() + " fields, the header "
                    + columns.size() + " of the schema's columns and more");
            return null;
        }
        if (value.isEmpty()) {
            run.error(line, column.title(), "empty; a " + column.title() + " is required");
            return null;
        }
        return checkedText(value, line, column, max, run);
    }

    private static String optionalText(CSVRecord record, int line, Map<StatementColumn, Integer> columns,
            StatementColumn column, int max, Run run) {
        String value = field(record, columns, column);
        return value == null || value.isEmpty() ? null : checkedText(value, line, column, max, run);
    }

    private static String checkedText(String raw, int line, StatementColumn column, int max, Run run) {
        // Banks wrap long descriptions inside quotes; a line break there is layout, not content.
        String value = WHITESPACE.matcher(raw).replaceAll(" ");
        if (value.codePointCount(0, value.length()) > max) {
            run.error(line, column.title(), "longer than " + max + " characters");
            return null;
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            run.error(line, column.title(), "contains control characters");
            return null;
        }
        return value;
    }

    private static LocalDate date(String value, int line, Run run) {
        String column = StatementColumn.DATE.title();
        if (value == null || value.isEmpty()) {
            run.error(line, column, "missing; a booking date such as 2026-03-14 is required");
            return null;
        }
        try {
            if (value.length() != 10) {
                throw new DateTimeParseException("length", value, 0);
            }
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            run.error(line, column, "'" + clip(value) + "' is not a date in the form yyyy-mm-dd (such as 2026-03-14)");
            return null;
        }
    }

    private static String currency(String value, int line, Run run) {
        String column = StatementColumn.CURRENCY.title();
        if (value == null || value.isEmpty()) {
            run.error(line, column, "missing; an ISO 4217 code such as EUR is required");
            return null;
        }
        if (!CURRENCY.matcher(value).matches() || !known(value)) {
            run.error(line, column, "'" + clip(value) + "' is not an ISO 4217 currency code (such as EUR, GBP, USD)");
            return null;
        }
        return value;
    }

    private static boolean known(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static BigDecimal amount(String value, String currency, int line, Run run) {
        String column = StatementColumn.AMOUNT.title();
        BigDecimal amount = decimal(value, line, column, run);
        if (amount != null && currency != null) {
            int digits = Currency.getInstance(currency).getDefaultFractionDigits();
            if (digits >= 0 && amount.scale() > digits) {
                run.error(line, column, "'" + value + "' has " + amount.scale() + " decimals; " + currency + " has "
                        + digits);
                return null;
            }
        }
        return amount;
    }

    private static BigDecimal balance(String value, BigDecimal amount, int line, Run run) {
        String column = StatementColumn.BALANCE.title();
        BigDecimal balance = decimal(value, line, column, run);
        if (balance == null) {
            return null;
        }
        if (run.balance == null) {
            run.opening = amount == null ? null : balance.subtract(amount);
        } else if (amount != null) {
            BigDecimal expected = run.balance.add(amount);
            if (expected.compareTo(balance) != 0) {
                run.error(line, column, "balance " + balance.toPlainString() + " does not follow from the line before: "
                        + run.balance.toPlainString() + " plus the amount " + amount.toPlainString() + " is "
                        + expected.toPlainString());
            }
        }
        // The stated balance carries on, so one wrong line is one error, not one for every line after it.
        run.balance = balance;
        return balance;
    }

    private static BigDecimal decimal(String value, int line, String column, Run run) {
        if (value == null || value.isEmpty()) {
            run.error(line, column, "missing; a decimal such as -42.50 is required");
            return null;
        }
        if (!AMOUNT.matcher(value).matches()) {
            run.error(line, column, "'" + clip(value) + "' is not a decimal with a point and no thousands separators "
                    + "(such as -1234.50)");
            return null;
        }
        return new BigDecimal(value.startsWith("+") ? value.substring(1) : value);
    }

    private static String clip(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    /** What one validation has found so far. */
    private static final class Run {
        final List<StatementRow> lines = new ArrayList<>();
        final List<RowError> errors = new ArrayList<>();
        final Set<String> currencies = new TreeSet<>();
        int errorCount;
        int lineCount;
        int lastLine = 1;
        String account;
        LocalDate from;
        LocalDate to;
        BigDecimal opening;
        BigDecimal balance;

        void error(int line, String column, String reason) {
            errorCount++;
            if (errors.size() < MAX_LISTED_ERRORS) {
                errors.add(new RowError(line, column, reason));
            }
        }
    }

    /** Hashes what passes through and refuses to pass more than the limit. */
    private static final class HashingStream extends FilterInputStream {
        private final MessageDigest digest;
        private final long limit;
        private long count;

        HashingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
                digest.update(buffer, offset, n);
            }
            return n;
        }

        private void counted(int n) throws TooLarge {
            count += n;
            if (count > limit) {
                throw new TooLarge();
            }
        }

        /** The caller owns the stream it gave; the parser's close must not end it before it is hashed to the end. */
        @Override
        public void close() {
        }

        /** Reads what the parser left (a trailing part it did not need) and returns the hex digest. */
        String finish() throws IOException {
            byte[] rest = new byte[8192];
            try {
                while (read(rest, 0, rest.length) >= 0) {
                    // hashing only
                }
            } catch (TooLarge e) {
                return "(more than " + limit + " bytes)";
            }
            return HexFormat.of().formatHex(digest.digest());
        }
    }

    /** More bytes than a statement may have. */
    private static final class TooLarge extends IOException {
        TooLarge() {
            super("too large", null);
        }
    }
}
