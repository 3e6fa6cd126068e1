package dev.strongroom.audit.digest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.audit.Chains;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.storage.HostKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read that hashes the segments a digest signs also checks the bytes the previous digest signed:
 * a segment changed after the writer's check and before its signing read is caught by that same read.
 */
class SegmentDigestsTest {

    private static final HostKeys HOST = HostKeys.of("host-a");

    @TempDir
    Path dir;

    @Test
    void aSegmentStillHoldingWhatThePreviousDigestSignedIsSignedFurther() throws Exception {
        List<String> lines = Chains.of(5);
        AuditDigest.Segment signed = SignedChainCheckTest.firstThreeSigned(lines);
        JournalSegments segments = write(lines);

        SegmentDigests.Covered covered = SegmentDigests.covering(segments, HOST, 3, 5, List.of(signed));

        assertEquals(List.of(), covered.changed());
        assertEquals(5, covered.segments().get(0).lastSeq());
    }

    @Test
    void aSegmentChangedBeforeTheSigningReadIsNamedAsChanged() throws Exception {
        List<String> lines = Chains.of(5);
        AuditDigest.Segment signed = SignedChainCheckTest.firstThreeSigned(lines);
        JournalSegments segments = write(List.of(lines.get(0), lines.get(1).replace("\"actor\":\"alice\"",
                "\"actor\":\"alicE\""), lines.get(2), lines.get(3), lines.get(4)));

        SegmentDigests.Covered covered = SegmentDigests.covering(segments, HOST, 3, 5, List.of(signed));

        assertEquals(List.of(signed), covered.changed());
    }

    @Test
    void aSegmentCutShortOfWhatWasSignedIsNamedAsChanged() throws Exception {
        List<String> lines = Chains.of(5);
        AuditDigest.Segment signed = SignedChainCheckTest.firstThreeSigned(lines);
        JournalSegments segments = write(lines.subList(0, 2));

        SegmentDigests.Covered covered = SegmentDigests.covering(segments, HOST, 1, 5, List.of(signed));

        assertEquals(List.of(signed), covered.changed());
    }

    private JournalSegments write(List<String> lines) throws Exception {
        Files.writeString(dir.resolve(SignedChainCheckTest.NAME), String.join("\n", lines) + "\n");
        return new JournalSegments(dir);
    }
}
