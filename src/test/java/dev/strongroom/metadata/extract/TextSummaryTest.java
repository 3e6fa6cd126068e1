package dev.strongroom.metadata.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class TextSummaryTest {

    @Test
    void collapsesWhitespaceAndCountsWordsWithLettersOrDigits() {
        TextSummary s = TextSummary.of("\n  Total:\t12.60 —  EUR\n\nThank you!  ");
        assertEquals("Total: 12.60 — EUR Thank you!", s.excerpt());
        assertEquals(5, s.wordCount());
    }

    @Test
    void excerptStopsAtTwoThousandCharactersWithoutSplittingASurrogatePair() {
        String text = "a".repeat(1_999) + "\uD83D\uDCB6 more words here";
        TextSummary s = TextSummary.of(text);
        assertEquals(1_999, s.excerpt().length());
        assertEquals(4, s.wordCount());
    }

    @Test
    void emptyTextHasNoExcerpt() {
        assertNull(TextSummary.of(" \n ").excerpt());
        assertEquals(0, TextSummary.of("").wordCount());
    }
}
