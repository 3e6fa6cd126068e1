package dev.strongroom.metadata.statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementValidatorTest {

    private final StatementValidator validator = new StatementValidator(4096, 50);

    private StatementSidecar validate(String csv) throws IOException {
        byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
        return validator.validate(new ByteArrayInputStream(bytes), sha256(bytes), bytes.length);
    }

    @Test
    void aValidStatementGivesEveryLineItsPeriodAndItsBalances() throws IOException {
        StatementSidecar s = validate("""
                Date,Description,Amount,Currency,Balance,Account,Reference,Category
                2026-03-02,NORTHWIND STATIONERY BRISTOL,-15.12,GBP,984.88,GB29NWBK60161331926819,R1,office
                2026-03-01,"CAFE ""LUNA"", LONDON",-3.50,GBP,981.38,GB29NWBK60161331926819,,food

                2026-03-05,REFUND ACME,+20.00,GBP,1001.38,GB29NWBK60161331926819,R3,
                """);
        assertEquals(Validity.VALID, s.status(), s.errors().toString());
        assertEquals("GB29NWBK60161331926819", s.account());
        assertEquals("2026-03-01", s.periodFrom());
        assertEquals("2026-03-05", s.periodTo());
        assertEquals(List.of("GBP"), s.currencies());
        assertEquals("1000.00", s.openingBalance());
        assertEquals("1001.38", s.closingBalance());
        assertEquals(3, s.lineCount());
        assertEquals(List.of(new StatementRow(2, "2026-03-02", "NORTHWIND STATIONERY BRISTOL", "-15.12", "GBP", "984.88",
                "R1"), new StatementRow(3, "2026-03-01", "CAFE \"LUNA\", LONDON", "-3.50", "GBP", "981.38", null),
                new StatementRow(5, "2026-03-05", "REFUND ACME", "20.00", "GBP", "1001.38", "R3")), s.lines());
    }

    @Test
    void everyRefusedRowIsNamedByLineColumnAndReasonAndNothingIsLoaded() throws IOException {
        StatementSidecar s = validate("""
                account,date,merchant,amount,currency,balance
                DE89370400440532013000,2026-03-01,Coffee,-3.50,EUR,96.50
                DE89370400440532013000,01/03/2026,Coffee,-3.50,EUR,93.00
                DE89370400440532013000,2026-03-02,Books,-1.234,EUR,91.766
                DE89370400440532013000,2026-03-02,Train,-12.00,EURO,79.00
                DE89370400440532013000,2026-03-03,,-1.00,EUR,78.00
                DE89370400440532013000,2026-03-03,Taxi,"1,200.00",EUR,78.00
                DE89370400440532013000,2026-03-04,Lunch,-8.00,EUR,75.00
                FR7630006000011234567890189,2026-03-04,Hotel,-1.00,EUR,74.00
                """);
        assertEquals(Validity.INVALID, s.status());
        assertEquals(List.of(), s.lines(), "nothing of an invalid file is loaded");
        assertEquals(8, s.lineCount());
        assertEquals(List.of(
                new RowError(3, "date", "'01/03/2026' is not a date in the form yyyy-mm-dd (such as 2026-03-14)"),
                new RowError(4, "amount", "'-1.234' has 3 decimals; EUR has 2"),
                new RowError(5, "currency", "'EURO' is not an ISO 4217 currency code (such as EUR, GBP, USD)"),
                new RowError(5, "balance", "balance 79.00 does not follow from the line before: 91.766 plus the amount "
                        + "-12.00 is 79.766"),
                new RowError(6, "merchant", "empty; a merchant is required"),
                new RowError(7, "amount", "'1,200.00' is not a decimal with a point and no thousands separators (such as -1234.50)"),
                new RowError(8, "balance", "balance 75.00 does not follow from the line before: 78.00 plus the amount -8.00 is 70.00"),
                new RowError(9, "account", "account 'FR7630006000011234567890189' differs from the statement's account "
                        + "'DE89370400440532013000': one statement covers one account")), s.errors());
        assertEquals(8, s.errorCount());
    }

    @Test
    void aHeaderWithoutARequiredColumnIsRefusedOnLineOne() throws IOException {
        StatementSidecar s = validate("date,merchant,amount\n2026-03-01,Coffee,-3.50\n");
        assertEquals(Validity.INVALID, s.status());
        assertEquals(2, s.errorCount());
        assertEquals(new RowError(1, "account", "required column missing from the header (the columns are account, date, "
                + "merchant, amount, currency, optionally balance and reference)"), s.errors().get(0));
        assertEquals("currency", s.errors().get(1).column());
    }

    @Test
    void quotedLineBreaksKeepLineNumbersTrue() throws IOException {
        StatementSidecar s = validate("account,date,merchant,amount,currency\n"
                + "A1,2026-03-01,\"Two\nlines\",-1.00,EUR\n"
                + "A1,2026-13-01,Bad month,-1.00,EUR");
        assertEquals(List.of(new RowError(4, "date",
                "'2026-13-01' is not a date in the form yyyy-mm-dd (such as 2026-03-14)")), s.errors());
        StatementSidecar fixed = validate("account,date,merchant,amount,currency\n"
                + "A1,2026-03-01,\"Two\nlines\",-1.00,EUR\n"
                + "A1,2026-03-02,After,-1.00,EUR");
        assertEquals(List.of(3, 4), fixed.lines().stream().map(StatementRow::line).toList());
        assertEquals("Two lines", fixed.lines().get(0).merchant());
    }

    @Test
    void bytesThatAreNotTheVaultsAreRefused() throws IOException {
        byte[] bytes = "account,date,merchant,amount,currency\nA1,2026-03-01,Coffee,-1.00,EUR\n".getBytes(StandardCharsets.UTF_8);
        StatementSidecar s = validator.validate(new ByteArrayInputStream(bytes), "0".repeat(64), bytes.length);
        assertEquals(Validity.INVALID, s.status());
        assertTrue(s.errors().get(0).reason().startsWith("the bytes hash to SHA-256 " + sha256(bytes)), s.errors().toString());
    }

    @Test
    void emptyNonTextTooLongAndTooLargeFilesAreInvalidNotExceptions() throws IOException {
        assertEquals("the file is empty: a header row and at least one line are expected",
                validate("").errors().get(0).reason());
        assertEquals("no lines below the header", validate("account,date,merchant,amount,currency\n").errors().get(0).reason());
        byte[] latin1 = "account,date,merchant,amount,currency\nA1,2026-03-01,Caf\u00e9,-1.00,EUR\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        StatementSidecar notUtf8 = validator.validate(new ByteArrayInputStream(latin1), sha256(latin1), latin1.length);
        assertEquals("the file is not UTF-8 text", notUtf8.errors().get(0).reason());
        StringBuilder many = new StringBuilder("account,date,merchant,amount,currency\n");
        for (int i = 0; i < 60; i++) {
            many.append("A1,2026-03-01,C,-1.00,EUR\n");
        }
        StatementSidecar tooMany = validate(many.toString());
        assertEquals(new RowError(52, null, "more than 50 lines; a statement may have at most that many"),
                tooMany.errors().get(0));
        byte[] large = ("account,date,merchant,amount,currency\n" + "A1,2026-03-01,C,-1.00,EUR\n".repeat(200))
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("the file has 5238 bytes; a statement may have at most 4096",
                validator.validate(new ByteArrayInputStream(large), sha256(large), large.length).errors().get(0).reason());
        // A size that understates the bytes does not get more past the limit.
        StatementSidecar understated = validator.validate(new ByteArrayInputStream(large), sha256(large), 100);
        assertEquals(Validity.INVALID, understated.status());
        assertTrue(understated.errors().get(0).reason().contains("more than 4096 bytes"), understated.errors().toString());
    }

    @Test
    void theSidecarReadsBackAsItWasWritten() throws IOException {
        StatementSidecar s = validate("account,date,merchant,amount,currency\nA1,2026-03-01,Coffee,-1.00,EUR\n");
        String json = StatementSidecarJson.write(s);
        assertTrue(json.contains("\"status\":\"valid\"") && json.contains("\"format\":\"csv\""), json);
        assertEquals(s, StatementSidecarJson.read(json));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
