package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Every character a spreadsheet takes as the start of a formula (OWASP's list: = + - @ tab CR) is
 * defused with a leading apostrophe, in the audit export and the compliance CSV alike.
 */
class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = { "=1+1", "+1+1", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1" })
    void aCellThatStartsAFormulaGetsAnApostrophe(String cell) {
        assertEquals("'" + cell, CsvCells.defuse(cell));
    }

    @ParameterizedTest
    @ValueSource(strings = { "invoice.pdf", "a=b", "x@example.com", "1-2", "'quoted", " =leading space", "#1" })
    void aCellThatDoesNotStartAFormulaIsLeftAlone(String cell) {
        assertEquals(cell, CsvCells.defuse(cell));
    }

    @Test
    void emptyAndMissingCellsStayAsTheyAre() {
        assertEquals("", CsvCells.defuse(""));
        assertNull(CsvCells.defuse(null));
    }
}
