package dev.strongroom.audit.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.strongroom.audit.ChainHead;
import dev.strongroom.audit.Chains;
import dev.strongroom.audit.EventLine;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.storage.Sha256;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the digest writer checks before it signs: the chain from the previous digest's signed head, and
 * the bytes of every segment the previous digest signed. Either broken, and nothing may be signed.
 */
class SignedChainCheckTest {

    static final String NAME = "000000000001_2026-12-03T10.jsonl";

    @TempDir
    Path dir;

    @Test
    void anIntactChainMayBeSigned() throws Exception {
        List<String> lines = Chains.of(5);
        JournalSegments segments = write(lines);
        Optional<LastDigest> previous = previous(lines);

        SignedChainCheck.Result result = SignedChainCheck.check(segments, previous, 3, 5,
                List.of(Chains.key().getPublic()));

        assertEquals(List.of(), result.problems());
        // The segment it found intact, which the signing read must find intact again.
        assertEquals(previous.orElseThrow().segments(), result.held());
    }

    @Test
    void anEventChangedBeforeThePreviousCutKeepsTheNextDigestFromBeingSigned() throws Exception {
        List<String> lines = Chains.of(5);
        Optional<LastDigest> previous = previous(lines);
        List<String> changed = new ArrayList<>(lines);
        changed.set(1, lines.get(1).replace("\"actor\":\"alice\"", "\"actor\":\"alicE\""));
        JournalSegments segments = write(changed);

        List<String> problems = SignedChainCheck.check(segments, previous, 3, 5, List.of(Chains.key().getPublic()))
                .problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("no longer holds the"), problems.get(0));
    }

    @Test
    void anEventMissingAfterThePreviousCutKeepsTheNextDigestFromBeingSigned() throws Exception {
        List<String> lines = Chains.of(6);
        Optional<LastDigest> previous = previous(lines);
        List<String> cut = new ArrayList<>(lines);
        cut.remove(3);
        JournalSegments segments = write(cut);

        List<String> problems = SignedChainCheck.check(segments, previous, 3, 6, List.of(Chains.key().getPublic()))
                .problems();

        assertTrue(problems.contains("event 4 is missing"), problems.toString());
    }

    /** A previous digest that signed events 1 to 3 of the segment. */
    private static Optional<LastDigest> previous(List<String> lines) {
        return Optional.of(new LastDigest("audit-digests/t/1-rolling.json", "sha", "sig", 3,
                new ChainHead(3, EventLine.claimedHash(lines.get(2))), "2026-12-03T10:00:00Z",
                List.of(firstThreeSigned(lines)), 4));
    }

    /** Segment {@link #NAME} as a digest signed it when it held events 1 to 3. */
    static AuditDigest.Segment firstThreeSigned(List<String> lines) {
        byte[] signed = (String.join("\n", lines.subList(0, 3)) + "\n").getBytes(StandardCharsets.UTF_8);
        return new AuditDigest.Segment(NAME, "journal/" + NAME, 1, 3, signed.length, Sha256.hexOf(signed),
                EventLine.claimedHash(lines.get(0)), EventLine.claimedHash(lines.get(2)), null, null);
    }

    private JournalSegments write(List<String> lines) throws Exception {
        Files.writeString(dir.resolve(NAME), String.join("\n", lines) + "\n");
        return new JournalSegments(dir);
    }
}
