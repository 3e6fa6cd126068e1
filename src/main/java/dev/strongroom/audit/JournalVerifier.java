package dev.strongroom.audit;

import dev.strongroom.VaultConfig;
import dev.strongroom.signing.SigningKey;
import dev.strongroom.signing.SigningKeySource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Verifies the journal files, incrementally from the signed {@link VerifiedCheckpoint} or in full, and
 * moves the checkpoint on after a verification that found the chain intact. Used by the journal at
 * start and at a re-check, by {@code GET /api/audit/verify}, the digest writer and the compliance report.
 */
@ApplicationScoped
public class JournalVerifier {

    private static final Logger LOG = Logger.getLogger(JournalVerifier.class);

    /** How far back a verification starts. */
    public enum Scope {
        /** From the signed checkpoint (in full when there is none or it no longer fits the files). */
        INCREMENTAL,
        /** From the first event. */
        FULL
    }

    private final JournalSegments segments;
    private final Path file;
    private final Path signatureFile;
    private final SigningKeySource key;

    public JournalVerifier(VaultConfig vault, SigningKeySource key) {
        Path audit = vault.dataDir().resolve("audit");
        this.segments = new JournalSegments(audit.resolve("journal"));
        this.file = audit.resolve("verified.json");
        this.signatureFile = audit.resolve("verified.json.sig");
        this.key = key;
    }

    /**
     * What one verification covered and found.
     *
     * @param fromSeq the first event read (the checkpoint's seq + 1 for an incremental one)
     * @param resumedFrom the checkpoint it started from, if any
     * @param note why an incremental verification read everything, if it did
     * @param next the checkpoint this verification reached (null when nothing was read)
     */
    public record Verification(Scope scope, long fromSeq, VerificationResult chain, Instant at,
            VerifiedCheckpoint resumedFrom, String note, VerifiedCheckpoint next) {

        public long toSeq() {
            return chain.head() == null ? fromSeq - 1 : chain.head().seq();
        }

        /** Events the journal holds up to {@link #toSeq}: those of the checkpoint and those read now. */
        public long events() {
            return next == null ? 0 : next.events();
        }
    }

    /**
     * Verifies up to event {@code upToSeq} (lines past it may still be being written); each line read is
     * also passed to {@code lines}, for the index check.
     */
    public Verification verify(Scope scope, long upToSeq, Consumer<String> lines) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Path> all = segments.list();
        VerifiedCheckpoint from = null;
        String note = null;
        if (scope == Scope.INCREMENTAL) {
            Optional<VerifiedCheckpoint> saved = load();
            if (saved.isEmpty()) {
                note = "no signed checkpoint yet: verified from the first event";
            } else {
                note = misfit(saved.get(), all);
                from = note == null ? saved.get() : null;
            }
        }
        ChainVerifier verifier = from == null ? ChainVerifier.fromGenesis()
                : new ChainVerifier(from.seq(), from.hash());
        // Every key the vault published: a gap sealed before a rotation, and a missing key must not stop verifying.
        verifier.checkingGapsWith(key.history().publicKeys());
        String[] lastSegment = { from == null ? null : from.segment() };
        long[] lastOffset = { from == null ? 0 : from.offset() };
        long[] seen = { from == null ? 0 : from.seq() };
        boolean started = from == null;
        for (Path segment : all) {
            String name = segment.getFileName().toString();
            long offset = 0;
            if (!started) {
                if (!name.equals(from.segment())) {
                    continue;
                }
                started = true;
                offset = from.offset();
            }
            boolean whole = SegmentReader.forEachLine(segment, offset, (line, end) -> {
                if (seen[0] >= upToSeq) {
                    return false;
                }
                verifier.accept(line);
                seen[0] = Math.max(seen[0] + 1, JournalSegments.seqOf(line));
                lines.accept(line);
                lastSegment[0] = name;
                lastOffset[0] = end;
                return true;
            });
            if (!whole) {
                break;
            }
        }
        VerificationResult chain = verifier.result();
        VerifiedCheckpoint next = chain.head() == null ? from
                : new VerifiedCheckpoint(chain.head().seq(), chain.head().hash(),
                        (from == null ? 0 : from.events()) + chain.eventCount(), lastSegment[0], lastOffset[0],
                        segmentsBefore(all, lastSegment[0]), at.toString(),
                        from == null ? "full" : "incremental");
        long first = from == null ? 1 : from.seq() + 1;
        return new Verification(from == null ? Scope.FULL : Scope.INCREMENTAL, first, chain, at, from, note, next);
    }

    /** Saves the point a verification reached, when it found the chain intact up to there. */
    public synchronized void advance(Verification verification) {
        VerifiedCheckpoint next = verification.next();
        if (!verification.chain().ok() || next == null || next.segment() == null) {
            return;
        }
        try {
            byte[] body = EventLine.JSON.writeValueAsBytes(next);
            // While the journal opens the key may not be loaded yet, and loading it may audit: the
            // checkpoint then waits for the next verification.
            Optional<SigningKey> signer = key.loaded();
            if (signer.isEmpty()) {
                return;
            }
            DurableFile.replace(file, body);
            DurableFile.replace(signatureFile, Base64.getEncoder().encodeToString(signer.get().sign(body))
                    .getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            LOG.warnf("The audit verification checkpoint could not be saved (%s); the next verification reads from "
                    + "the previous one", e.getMessage());
        }
    }

    private static boolean signedByAnyOf(List<PublicKey> keys, byte[] body, byte[] signature)
            throws GeneralSecurityException {
        for (PublicKey publicKey : keys) {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(body);
            if (verifier.verify(signature)) {
                return true;
            }
        }
        return false;
    }

    /** The signed checkpoint, if there is one and its signature verifies with a key of the vault's history. */
    public Optional<VerifiedCheckpoint> load() {
        if (!Files.isRegularFile(file) || !Files.isRegularFile(signatureFile)) {
            return Optional.empty();
        }
        try {
            byte[] body = Files.readAllBytes(file);
            byte[] signature = Base64.getDecoder().decode(Files.readString(signatureFile, StandardCharsets.US_ASCII)
                    .strip());
            if (!signedByAnyOf(key.history().publicKeys(), body, signature)) {
                LOG.warnf("The audit verification checkpoint %s does not carry the vault's signature; verifying the "
                        + "whole journal", file);
                return Optional.empty();
            }
            return Optional.of(EventLine.JSON.readValue(body, VerifiedCheckpoint.class));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            LOG.warnf("The audit verification checkpoint %s is unreadable (%s); verifying the whole journal", file,
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Why the checkpoint no longer describes the files (then everything is read), or null when it does. */
    private String misfit(VerifiedCheckpoint checkpoint, List<Path> all) {
        Path segment = segments.dir().resolve(checkpoint.segment());
        try {
            if (!Files.isRegularFile(segment)) {
                return "the checkpoint's segment " + checkpoint.segment() + " is gone: verified from the first event";
            }
            if (Files.size(segment) < checkpoint.offset()) {
                return "segment " + checkpoint.segment() + " is shorter than when it was verified: verified from the "
                        + "first event";
            }
            if (!segmentsBefore(all, checkpoint.segment()).equals(checkpoint.segmentsBefore())) {
                return "segments before " + checkpoint.segment() + " were added, removed or resized since they were "
                        + "verified: verified from the first event";
            }
            // Read back from the offset: every page view verifies from here, and the segment may hold an hour's events.
            String last = SegmentReader.lineEndingAt(segment, checkpoint.offset());
            if (last == null || !checkpoint.hash().equals(EventLine.claimedHash(last))
                    || JournalSegments.seqOf(last) != checkpoint.seq()) {
                return "event " + checkpoint.seq() + " is not where it was verified: verified from the first event";
            }
            return null;
        } catch (IOException e) {
            return "the checkpoint's segment cannot be read (" + e.getMessage() + "): verified from the first event";
        }
    }

    /** SHA-256 over {@code name:size} lines of every segment before {@code segment}. */
    static String segmentsBefore(List<Path> all, String segment) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Path p : all) {
                String name = p.getFileName().toString();
                if (segment != null && name.compareTo(segment) >= 0) {
                    break;
                }
                sha256.update((name + ":" + Files.size(p) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
