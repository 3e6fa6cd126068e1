package dev.strongroom.metadata.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The receipt heuristics on the layouts docs/metadata.md promises to read, and where they stop. */
class ReceiptReaderTest {

    private final ReceiptReader reader = new ReceiptReader();

    @Test
    void americanReceiptReadsDollarsAndMonthFirstDates() {
        Sidecar.Receipt r = reader.read("""
                Blue Bottle Diner
                500 Market St, San Francisco
                Receipt #2231  Date: 04/05/2026
                Burger 12.50
                Subtotal 12.50
                Tax 1.09
                Total $13.59
                """);
        assertEquals("13.59", r.total().amount());
        assertEquals("USD", r.total().currency());
        assertEquals("2026-04-05", r.date().value(), "04/05 in dollars is April 5th");
        assertEquals("Blue Bottle Diner", r.vendor().value());
    }

    @Test
    void europeanInvoiceWithLabelledVendorAndFigureUnderItsLabel() {
        Sidecar.Receipt r = reader.read("""
                RECHNUNG
                Lieferant: Muster Bürobedarf GmbH
                Rechnungsdatum 12.03.2026
                Fällig bis 11.04.2026
                Gesamtbetrag
                1.234,56 €
                """);
        assertEquals("1234.56", r.total().amount());
        assertEquals("EUR", r.total().currency());
        assertEquals("Gesamtbetrag / 1.234,56 €", r.total().source());
        assertEquals("2026-03-12", r.date().value());
        assertEquals("Muster Bürobedarf GmbH", r.vendor().value());
    }

    @Test
    void amountDueOutranksAnEarlierTotalAndTextualDatesAreRead() {
        Sidecar.Receipt r = reader.read("""
                INVOICE 88-1
                Contoso Consulting
                Invoice date: March 3, 2026
                Total hours 40
                Total 4,000.00
                Amount due: 3,500.00 USD
                Due date: April 2, 2026
                """);
        assertEquals("3500.00", r.total().amount());
        assertEquals("USD", r.total().currency());
        assertEquals("2026-03-03", r.date().value());
    }

    @Test
    void subtotalsAndTaxTotalsAreNotTheTotal() {
        Sidecar.Receipt r = reader.read("Corner Shop\nReceipt\nSubtotal 10.00\nTotal VAT 2.00\n");
        assertEquals("Corner Shop", r.vendor().value());
        assertNull(r.total());
    }

    @Test
    void textThatIsNotAReceiptGetsNoFields() {
        assertNull(reader.read("Quarterly report. Total revenue 1,000.00 EUR on 2026-01-01."));
    }

    @Test
    void ambiguousDateWithoutCurrencyIsReadDayFirst() {
        assertEquals(java.time.LocalDate.of(2026, 2, 3), ReceiptDates.first("on 03/02/2026", false).date());
        assertEquals(java.time.LocalDate.of(2026, 3, 2), ReceiptDates.first("on 03/02/2026", true).date());
        assertEquals(java.time.LocalDate.of(2026, 12, 25), ReceiptDates.first("12/25/26", false).date());
        assertNull(ReceiptDates.first("31/02/2026", false));
    }

    @Test
    void aReceiptThatPrintsNoReceiptWordIsReadWhenTheUploaderFiledItAsOne() {
        String text = "Padaria Açores\nRua Augusta 120, Lisboa\nData: 14/03/2026\nPão 1,20\nCafé 0,80\n";
        assertNull(reader.read(ReceiptText.of(text)), "nothing in the text says receipt");
        Sidecar.Receipt r = reader.read(ReceiptText.of(text, List.of(),
                new ReceiptHints("receipt", "IMG_2041.txt", null, null, "text/plain")));
        assertNotNull(r, "the retention class says receipt");
        assertEquals("Padaria Açores", r.vendor().value());
        assertEquals("2026-03-14", r.date().value());
        assertEquals(Sidecar.Location.line(1), r.vendor().at());
    }

    @Test
    void aLabelledTotalAtTheEndOfALineIsLayoutEnoughAndTaxesAddUp() {
        Sidecar.Receipt r = reader.read("""
                Müller Bürobedarf GmbH
                Hauptstraße 12, 50667 Köln
                Datum: 3. März 2026
                Beleg-Nr. 2026-74481
                2 x Ordner 10,00
                Nettobetrag 84,03
                MwSt 19% 15,97
                Gesamtbetrag 100,00 €
                Zahlungsart: EC-Karte
                """);
        assertEquals("100.00", r.total().amount());
        assertEquals("EUR", r.currency().value());
        assertEquals(0.97, r.total().confidence(), "net plus tax equals the total");
        assertEquals("2026-03-03", r.date().value());
        assertEquals("Müller Bürobedarf GmbH", r.vendor().value());
        assertEquals(List.of(new Sidecar.Tax("15.97", "19", "MwSt 19% 15,97", Sidecar.Location.line(7), 0.95)), r.taxes(),
                "net plus tax is the printed total: the tax is confirmed");
        assertEquals("2026-74481", r.number().value());
        assertEquals("card", r.paymentMethod().value());
        assertFalse(r.needsReview(), String.valueOf(r.review()));
        assertEquals("Ordner", r.items().get(0).description());
    }

    @Test
    void portugueseInvoiceWithRateAndNetLinesAndMonthName() {
        Sidecar.Receipt r = reader.read("""
                Papelaria São Paulo Lda
                FATURA
                Data: 27 de junho de 2026
                Total s/ IVA 383,84
                IVA 23% 88,28
                Total a pagar 472,12 €
                Pagamento: Multibanco
                """);
        assertEquals("472.12", r.total().amount());
        assertEquals("2026-06-27", r.date().value());
        assertEquals("88.28", r.taxTotal());
        assertEquals("card", r.paymentMethod().value());
    }

    @Test
    void aSpreadsheetsHeaderAndValuesOnDifferentRowsAreReadWithTheirCellsAndOneDecimalIsCents() {
        TableCells.Table sheet = new TableCells.Table("Expenses", List.of(
                List.of("Vendor", "Date", "Net", "VAT", "Total", "Currency"),
                List.of("Northwind Stationery Ltd", "2026-03-14", "1577.83", "315.57", "1893.4", "GBP"),
                List.of("Ref. 2026-114")));
        Sidecar.Receipt r = reader.read(ReceiptText.of("Expenses\nVendor\tDate\n", List.of(sheet),
                new ReceiptHints("default", "march.xlsx", null, null, null)));
        assertEquals("1893.40", r.total().amount());
        assertEquals("GBP", r.total().currency());
        assertEquals(Sidecar.Location.cell("Expenses!E2"), r.total().at());
        assertEquals("Northwind Stationery Ltd", r.vendor().value());
        assertEquals("2026-03-14", r.date().value());
        assertEquals("315.57", r.taxTotal());
        assertFalse(r.needsReview(), String.valueOf(r.review()));
    }

    @Test
    void aTotalThatDoesNotAddUpFromOcrNeedsReviewInsteadOfPassingForRight() {
        List<TextLine> lines = List.of(
                new TextLine("HARBOR FREIGHT SUPPLIES INC.", Sidecar.Location.region(1, List.of(10, 10, 300, 30)), 95.0),
                new TextLine("Date: 01/04/2025", Sidecar.Location.region(1, List.of(10, 40, 200, 60)), 91.0),
                new TextLine("Subtotal 85.91", Sidecar.Location.region(1, List.of(10, 70, 300, 90)), 93.0),
                new TextLine("Sales Tax 6% 5.15", Sidecar.Location.region(1, List.of(10, 100, 300, 120)), 95.0),
                new TextLine("Amount Due $91.66", Sidecar.Location.region(1, List.of(10, 130, 300, 150)), 92.0));
        Sidecar.Receipt r = reader.read(new ReceiptText(lines, List.of(), ReceiptHints.NONE));
        assertEquals("91.66", r.total().amount(), "what Tesseract read");
        assertTrue(r.total().confidence() < Sidecar.Receipt.REVIEW_BELOW, "85.91 + 5.15 is 91.06: " + r.total());
        assertTrue(r.review().contains("total"));
        assertTrue(r.needsReview());
        assertEquals(List.of(10, 130, 300, 150), r.total().at().box(), "the image region it was read from");
        assertTrue(r.review().contains("vendor"), "a vendor read from pixels is checked by a person");
    }

    @Test
    void anAmountSplitByOcrIsMendedButARateIsNeverAnAmount() {
        List<TextLine> lines = List.of(new TextLine("IVA 23% 146, 26", null, 90.0),
                new TextLine("Total 782,17 €", null, 92.0));
        Sidecar.Receipt r = reader.read(new ReceiptText(lines, List.of(), ReceiptHints.NONE));
        assertEquals("146.26", r.taxTotal());
        assertNull(reader.read("Sales Tax 7.25%\n"), "a rate alone is no amount");
    }

    @Test
    void aCurrencyOcrGluedToTheTotalLabelStillMakesTheTotal() {
        List<TextLine> lines = List.of(new TextLine("KESTREL STATIONERY", null, 93.0),
                new TextLine("Date: 2026-02-21", null, 92.0), new TextLine("Paper 42.15", null, 91.0),
                new TextLine("TOTALEUR 42.15", null, 90.0));
        Sidecar.Receipt r = reader.read(new ReceiptText(lines, List.of(), ReceiptHints.NONE));
        assertEquals("42.15", r.total().amount());
        assertEquals("EUR", r.total().currency());
    }

    @Test
    void anItemTablesAmountColumnIsNotTheTotalAndLabelsOverTheirFiguresAddUp() {
        // A DOCX invoice as Tika gives it: every table cell on its own line, and the item table's header
        // "Betrag" (amount) over the one item's amount.
        String text = String.join("\n", "Café Zürich", "Datum: 21.02.26", "Bezeichnung", "Menge", "Betrag", "Kaffee",
                "3", "51,36", "Nettobetrag", "51,36", "MwSt 7%", "3,60", "SUMME", "CHF 54,96", "");
        TableCells.Table items = new TableCells.Table(null, List.of(List.of("Bezeichnung", "Menge", "Betrag"),
                List.of("Kaffee", "3", "51,36")));
        TableCells.Table totals = new TableCells.Table(null, List.of(List.of("Nettobetrag", "51,36"),
                List.of("MwSt 7%", "3,60"), List.of("SUMME", "CHF 54,96")));
        Sidecar.Receipt r = reader.read(ReceiptText.of(text, List.of(items, totals), ReceiptHints.NONE));
        assertEquals("54.96", r.total().amount());
        assertEquals("CHF", r.total().currency());
        assertTrue(r.total().confidence() >= 0.97, "51.36 + 3.60 = 54.96: " + r.total());
        assertEquals("Kaffee", r.items().get(0).description());
    }

    @Test
    void aTaxThatDoesNotAddUpToAPrintedTotalIsUnsure() {
        List<TextLine> lines = List.of(new TextLine("Subtotal 85.91", null, 95.0),
                new TextLine("Sales Tax 6% 5.55", null, 95.0), new TextLine("TOTAL $91.06", null, 95.0));
        Sidecar.Receipt r = reader.read(new ReceiptText(lines, List.of(), ReceiptHints.NONE));
        assertTrue(r.review().contains("tax"), "85.91 + 5.55 is no printed amount: " + r.taxes());
    }
}
