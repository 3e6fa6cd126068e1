package dev.strongroom.store;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Re-hashes every blob the catalog expects and reports every problem, not just the first: a blob
 * that is missing, one whose size differs, one whose bytes no longer hash to their name.
 */
@ApplicationScoped
public class Scrubber {

    private static final Logger LOG = Logger.getLogger(Scrubber.class);
    private static final int PROGRESS_EVERY = 1000;

    private final BlobStore store;

    public Scrubber(BlobStore store) {
        this.store = store;
    }

    /**
     * @param expected sha256 to size, as the catalog records them
     */
    public ScrubReport scrub(Map<String, Long> expected) {
        long started = System.nanoTime();
        List<ScrubReport.Finding> findings = new ArrayList<>();
        long checked = 0;
        long bytes = 0;
        for (Map.Entry<String, Long> blob : expected.entrySet()) {
            String sha256 = blob.getKey();
            Path path = store.pathOf(sha256);
            checked++;
            try {
                if (!Files.isRegularFile(path)) {
                    findings.add(new ScrubReport.Finding(sha256, "missing", "no file at " + path));
                    continue;
                }
                long size = Files.size(path);
                if (size != blob.getValue()) {
                    findings.add(new ScrubReport.Finding(sha256, "size-mismatch",
                            "catalog says " + blob.getValue() + " bytes, the file has " + size));
                }
                String actual = hash(path);
                bytes += size;
                if (!actual.equals(sha256)) {
                    findings.add(new ScrubReport.Finding(sha256, "hash-mismatch", "the bytes hash to " + actual));
                }
            } catch (IOException e) {
                findings.add(new ScrubReport.Finding(sha256, "unreadable", String.valueOf(e.getMessage())));
            }
            if (checked % PROGRESS_EVERY == 0) {
                LOG.infof("Scrub progress: %d of %d blobs checked, %d findings", checked, expected.size(),
                        findings.size());
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        LOG.infof("Scrub finished: %d blobs, %d bytes, %d findings in %d ms", checked, bytes, findings.size(), millis);
        return new ScrubReport(findings.isEmpty(), checked, bytes, millis, List.copyOf(findings));
    }

    private static String hash(Path path) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
