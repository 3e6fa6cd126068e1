package dev.strongroom.audit.digest;

import dev.strongroom.audit.AuditEvent;
import dev.strongroom.audit.ChainVerifier;
import dev.strongroom.audit.JournalSegments;
import dev.strongroom.audit.VerificationResult;
import dev.strongroom.storage.Sha256;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the digest writer checks before it signs events {@code after + 1} to {@code last}: that they
 * chain, without a gap, a change or a broken link, from the chain head the previous digest signed,
 * and that every segment the previous digest signed still holds the bytes it signed (unless a
 * confirmed gap sealed some of those events as lost).
 */
final class SignedChainCheck {

    private SignedChainCheck() {
    }

    /**
     * What the check found: every problem (none when the digest may be signed), and the segments of the
     * previous digest it found still holding their signed bytes, which the signing read must find again.
     */
    record Result(List<String> problems, List<AuditDigest.Segment> held) {
    }

    static Result check(JournalSegments segments, Optional<LastDigest> previous, long after, long last,
            Collection<PublicKey> keys) {
        List<String> problems = new ArrayList<>();
        List<AuditDigest.Segment> held = new ArrayList<>();
        String anchorHash = previous.map(p -> p.chainHead().hash()).orElse(AuditEvent.GENESIS_HASH);
        ChainVerifier chain = new ChainVerifier(after, anchorHash).checkingGapsWith(keys);
        segments.forEachLine(after + 1, line -> {
            long seq = JournalSegments.seqOf(line);
            if (seq < 0 || (seq > after && seq <= last)) {
                chain.accept(line);
            }
        });
        VerificationResult result = chain.result();
        result.findings().forEach(f -> problems.add(f.message()));
        if (last > after && (result.head() == null || result.head().seq() < last)) {
            problems.add("the journal does not reach event " + last + " from the previous digest's event " + after
                    + " (it ends at " + (result.head() == null ? after : result.head().seq()) + ")");
        }
        List<AuditDigest.Segment> signed = previous.map(LastDigest::segments).orElse(null);
        if (signed != null) {
            for (AuditDigest.Segment s : signed) {
                // Events a confirmed gap sealed as lost are gone from the segment by design.
                boolean sealed = result.sealedGaps().stream().anyMatch(g -> g.fromSeq() <= s.lastSeq()
                        && g.toSeq() >= s.firstSeq());
                if (sealed) {
                    continue;
                }
                Path file = segments.dir().resolve(s.name());
                if (!Files.isRegularFile(file)) {
                    problems.add("segment " + s.name() + ", signed by " + previous.get().key() + ", is gone");
                    continue;
                }
                String sha256 = Sha256.hexOfPrefix(file, s.bytes());
                if (s.sha256().equals(sha256)) {
                    held.add(s);
                } else {
                    problems.add(changed(s, previous.get().key()));
                }
            }
        }
        return new Result(problems, held);
    }

    static String changed(AuditDigest.Segment signed, String digestKey) {
        return "segment " + signed.name() + " no longer holds the " + signed.bytes() + " bytes (events "
                + signed.firstSeq() + " to " + signed.lastSeq() + ") that digest " + digestKey + " signed";
    }
}
