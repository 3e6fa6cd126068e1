package dev.strongroom.statements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.statements.StatementMatcher.Line;
import dev.strongroom.statements.StatementMatcher.Option;
import dev.strongroom.statements.StatementMatcher.Outcome;
import dev.strongroom.statements.StatementMatcher.Receipt;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementMatcherTest {

    private final StatementMatcher matcher = new StatementMatcher(new StatementMatcher.Settings(5, 80, 10));
    private static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);

    private static Line line(int no, LocalDate date, String merchant, String amount) {
        return new Line(no, date, merchant, new BigDecimal(amount), "EUR");
    }

    private static Receipt receipt(String id, String vendor, LocalDate date, String total) {
        return new Receipt(id, vendor, date, total == null ? null : new BigDecimal(total), "EUR");
    }

    @Test
    void aReceiptOfTheSameAmountDayAndShopIsSettled() {
        List<Outcome> outcomes = matcher.match(List.of(
                line(2, MARCH_2, "NORTHWIND STATIONE BRISTOL 0042", "-15.12"),
                line(3, MARCH_2.plusDays(2), "CAFE LUNA LONDON", "-3.50")), List.of(
                receipt("r-cafe", "Café Luna", MARCH_2, "3.50"),
                receipt("r-northwind", "Northwind Stationery Ltd", MARCH_2.minusDays(1), "15.12")));
        assertEquals(new Outcome(2, MatchState.MATCHED, List.of(new Option(List.of("r-northwind"), 96))), outcomes.get(0));
        assertEquals(MatchState.MATCHED, outcomes.get(1).state());
        assertEquals(List.of("r-cafe"), outcomes.get(1).options().get(0).receiptIds());
    }

    @Test
    void theSameAmountAtAnotherShopIsOfferedNeverSettled() {
        Outcome outcome = matcher.match(List.of(line(2, MARCH_2, "ACME HARDWARE", "-20.00")),
                List.of(receipt("r-bakery", "Brot & Butter Bäckerei", MARCH_2, "20.00"))).get(0);
        assertEquals(MatchState.SUGGESTED, outcome.state());
        assertTrue(outcome.options().get(0).score() < 80, outcome.toString());
    }

    @Test
    void twoReceiptsThatFitEquallyWellAreBothOfferedAndNeitherForced() {
        List<Outcome> outcomes = matcher.match(List.of(
                line(2, MARCH_2, "CAFE LUNA", "-3.50"), line(3, MARCH_2, "CAFE LUNA", "-3.50")), List.of(
                receipt("r-1", "Cafe Luna", MARCH_2, "3.50"), receipt("r-2", "Cafe Luna", MARCH_2, "3.50")));
        for (Outcome outcome : outcomes) {
            assertEquals(MatchState.SUGGESTED, outcome.state(), outcome.toString());
            assertEquals(2, outcome.options().size());
        }
        // The dates tell them apart: then each is settled to its own receipt.
        List<Outcome> dated = matcher.match(List.of(
                line(2, MARCH_2, "CAFE LUNA", "-3.50"), line(3, MARCH_2.plusDays(4), "CAFE LUNA", "-3.50")), List.of(
                receipt("r-1", "Cafe Luna", MARCH_2, "3.50"), receipt("r-2", "Cafe Luna", MARCH_2.plusDays(4), "3.50")));
        assertEquals(List.of("r-1"), dated.get(0).options().get(0).receiptIds());
        assertEquals(List.of("r-2"), dated.get(1).options().get(0).receiptIds());
        assertEquals(MatchState.MATCHED, dated.get(0).state());
        assertEquals(MatchState.MATCHED, dated.get(1).state());
    }

    @Test
    void aReceiptBacksAtMostOneLine() {
        List<Outcome> outcomes = matcher.match(List.of(
                line(2, MARCH_2, "CAFE LUNA", "-3.50"), line(3, MARCH_2, "CAFE LUNA", "-3.50")),
                List.of(receipt("r-1", "Cafe Luna", MARCH_2, "3.50")));
        assertEquals(List.of(MatchState.SUGGESTED, MatchState.SUGGESTED), outcomes.stream().map(Outcome::state).toList());
    }

    @Test
    void anotherCurrencyADateOutsideTheWindowOrAnotherAmountIsNoCandidate() {
        Line line = line(2, MARCH_2, "CAFE LUNA", "-3.50");
        assertEquals(MatchState.UNMATCHED, matcher.match(List.of(line),
                List.of(new Receipt("r-gbp", "Cafe Luna", MARCH_2, new BigDecimal("3.50"), "GBP"))).get(0).state());
        assertEquals(MatchState.UNMATCHED, matcher.match(List.of(line),
                List.of(receipt("r-late", "Cafe Luna", MARCH_2.plusDays(6), "3.50"))).get(0).state());
        assertEquals(MatchState.UNMATCHED, matcher.match(List.of(line),
                List.of(receipt("r-more", "Cafe Luna", MARCH_2, "3.51"))).get(0).state());
    }

    @Test
    void aReceiptWithoutVendorOrCurrencyIsOfferedButNotSettled() {
        Outcome outcome = matcher.match(List.of(line(2, MARCH_2, "CAFE LUNA", "-3.50")),
                List.of(new Receipt("r-ocr", null, MARCH_2, new BigDecimal("3.50"), null))).get(0);
        assertEquals(MatchState.SUGGESTED, outcome.state());
    }

    @Test
    void aLineWithoutASingleReceiptIsOfferedReceiptsThatAddUpToIt() {
        Outcome outcome = matcher.match(List.of(line(2, MARCH_2, "GRAND HOTEL BERLIN", "-410.00")), List.of(
                receipt("r-room", "Grand Hotel", MARCH_2, "350.00"), receipt("r-bar", "Grand Hotel Bar", MARCH_2, "60.00"),
                receipt("r-other", "Acme Hardware", MARCH_2, "60.00"))).get(0);
        assertEquals(MatchState.SUGGESTED, outcome.state());
        assertEquals(List.of("r-room", "r-bar"), outcome.options().get(0).receiptIds());
        assertEquals(1, outcome.options().size(), "a receipt from another shop is no part of it");
    }

    @Test
    void vendorSimilarityToleratesCutOffsLegalFormsAndTownsButNotOtherShops() {
        assertEquals(1.0, VendorSimilarity.of("NORTHWIND STATIONERY BRISTOL", "Northwind Stationery Ltd"), 1e-9);
        assertTrue(VendorSimilarity.of("NORTHWIND STATIONE", "Northwind Stationery") > 0.9);
        assertTrue(VendorSimilarity.of("CAFE LUNA", "Café Luna GmbH") > 0.99);
        assertTrue(VendorSimilarity.of("ACME HARDWARE", "Brot & Butter Bäckerei") < 0.2);
        assertTrue(VendorSimilarity.of("TESCO STORES 3321", "Sainsbury's") < 0.2);
        assertEquals(0, VendorSimilarity.of("1234", "Cafe"));
    }
}
