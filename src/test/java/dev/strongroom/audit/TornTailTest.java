package dev.strongroom.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What cannot be an acknowledged event is cut off the journal's end, kept, and described to the byte. */
class TornTailTest {

    @TempDir
    Path data;

    @Test
    void aLineWithoutItsLineEndIsCutKeptAndDescribed() throws Exception {
        Path segment = segment(Chains.of(3));
        long whole = Files.size(segment);
        byte[] torn = "{\"seq\":4,\"id\":\"half".getBytes(StandardCharsets.UTF_8);
        Files.write(segment, torn, StandardOpenOption.APPEND);

        List<TornTail.Cut> cuts = tail().cut();

        assertEquals(1, cuts.size());
        TornTail.Cut cut = cuts.get(0);
        assertEquals(whole, Files.size(segment));
        assertEquals(whole, cut.offset());
        assertEquals(torn.length, cut.bytes());
        assertEquals(TornTail.sha256(torn), cut.sha256());
        assertArrayEquals(torn, Files.readAllBytes(data.resolve(cut.keptAs())));
    }

    @Test
    void aTornLineSomethingWasAppendedOntoIsCutWithIt() throws Exception {
        List<String> chain = Chains.of(4);
        Path segment = segment(chain.subList(0, 3));
        long whole = Files.size(segment);
        String glued = "{\"seq\":4,\"id\":\"hal" + chain.get(3) + "\n";
        Files.writeString(segment, glued, StandardOpenOption.APPEND);

        List<TornTail.Cut> cuts = tail().cut();

        assertEquals(whole, Files.size(segment));
        assertEquals(glued.getBytes(StandardCharsets.UTF_8).length, cuts.get(0).bytes());
        assertTrue(cuts.get(0).reason().contains("no readable event"), cuts.get(0).reason());
    }

    @Test
    void aWholeJournalIsLeftAsItIs() throws Exception {
        Path segment = segment(Chains.of(3));
        long whole = Files.size(segment);
        assertEquals(List.of(), tail().cut());
        assertEquals(whole, Files.size(segment));
    }

    private Path segment(List<String> lines) throws Exception {
        Path dir = Files.createDirectories(data.resolve("audit").resolve("journal"));
        return Files.writeString(dir.resolve("000000000001_2026-12-03T10.jsonl"), String.join("\n", lines) + "\n");
    }

    private TornTail tail() {
        return new TornTail(new JournalSegments(data.resolve("audit").resolve("journal")),
                data.resolve("audit").resolve("cut"));
    }
}
