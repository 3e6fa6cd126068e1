package dev.strongroom.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        assertEquals(java.time.LocalDate.of(2026, 2, 3), ReceiptReader.firstDate("on 03/02/2026", false));
        assertEquals(java.time.LocalDate.of(2026, 3, 2), ReceiptReader.firstDate("on 03/02/2026", true));
        assertEquals(java.time.LocalDate.of(2026, 12, 25), ReceiptReader.firstDate("12/25/26", false));
        assertNull(ReceiptReader.firstDate("31/02/2026", false));
    }
}
