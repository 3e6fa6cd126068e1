package dev.strongroom.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A client's file name made safe to store and serve, and its original kept with nothing hidden in it. */
class FileNamesTest {

    @ParameterizedTest
    @CsvSource(delimiterString = " => ", value = {
            "invoice.pdf => invoice.pdf",
            "../../etc/passwd => passwd",
            "..\\..\\..\\report.txt => report.txt",
            "C:\\Windows\\System32\\drivers\\etc\\hosts => hosts",
            "a<b>c:d\"e|f?g*h.txt => a_b_c_d_e_f_g_h.txt",
            "...hidden.txt => hidden.txt",
            ". . .txt => . .txt",
            "  spaced name.txt   => spaced name.txt",
            "Überweisung – Café.pdf => Überweisung – Café.pdf",
            ".. => unnamed",
            "dir/ => unnamed" })
    void namesAreCutToTheirLastSegmentAndReservedCharactersReplaced(String raw, String stored) {
        assertEquals(stored, FileNames.sanitize(raw));
    }

    @Test
    void invisibleCharactersAreDroppedFromTheStoredNameAndShownInTheOriginal() {
        String raw = "invoice\u202Etxt.exe\u0000\u2066x\u200B\u2028.pdf";

        assertEquals("invoicetxt.exex.pdf", FileNames.sanitize(raw));
        assertEquals("invoice\\u202Etxt.exe\\u0000\\u2066x\\u200B\\u2028.pdf", FileNames.escapeOriginal(raw));
    }

    @Test
    void aMissingNameIsUnnamed() {
        assertEquals("unnamed", FileNames.sanitize(null));
        assertEquals("unnamed", FileNames.escapeOriginal(null));
        assertEquals("unnamed", FileNames.sanitize("\u0000\u0001"));
    }

    @Test
    void aLongNameFitsIn255BytesOfUtf8KeepingItsExtension() {
        String name = "ü".repeat(200) + ".pdf";

        String stored = FileNames.sanitize(name);

        assertTrue(stored.endsWith(".pdf"), stored);
        assertEquals(255 - 1, stored.getBytes(StandardCharsets.UTF_8).length, "whole characters only: 125 × 2 + 4");
        assertEquals("ü".repeat(125) + ".pdf", stored);
    }

    @Test
    void aLongNameWithAnOverlongExtensionIsCutAsAWhole() {
        String name = "a".repeat(250) + "." + "b".repeat(20);

        assertEquals("a".repeat(250) + "." + "b".repeat(4), FileNames.sanitize(name));
    }

    @Test
    void aNameOfExactly255BytesIsKept() {
        String name = "a".repeat(251) + ".pdf";

        assertEquals(name, FileNames.sanitize(name));
        assertEquals("a".repeat(250) + ".pdff", FileNames.sanitize(name + "f"));
    }

    @Test
    void fourByteCharactersAreNeverSplit() {
        String name = "📄".repeat(70) + ".txt";

        String stored = FileNames.sanitize(name);

        assertEquals("📄".repeat(62) + ".txt", stored);
    }

    @Test
    void theOriginalIsKeptUpToAThousandCharacters() {
        String name = "x".repeat(1500);

        assertEquals(1000, FileNames.escapeOriginal(name).length());
        assertEquals("x".repeat(1000), FileNames.escapeOriginal(name));
    }
}
