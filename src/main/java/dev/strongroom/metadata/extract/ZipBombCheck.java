package dev.strongroom.metadata.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Inflates every entry of a zip-based document (DOCX, XLSX, ODT, a zip embedded in one...) into
 * nothing, counting, before any parser sees it, and refuses the file when an entry inflates more than
 * {@code maxEntryRatio} times its compressed size (past a 100 KB grace, as POI does) or all entries
 * together more than {@code maxTotalRatio} times the file. Memory stays constant whatever the file
 * claims, because the sizes are measured, not read from headers that can lie.
 * <p>
 * Needed because neither of Tika's own guards stops a DOCX bomb in time: Tika switches off POI's
 * inflate-ratio check and opens the package through a zip it has already opened itself, and its
 * SecureContentHandler only counts characters once a text run has been buffered in full, by which
 * time a 50 MB run of one letter has taken 100 MB of heap and a bigger one takes all of it.
 */
final class ZipBombCheck {

    private static final long GRACE_BYTES = 100 * 1024;
    private static final byte[] LOCAL_HEADER = { 'P', 'K', 3, 4 };

    private final double maxEntryRatio;
    private final long maxTotalRatio;

    ZipBombCheck(double minInflateRatio, long maxTotalRatio) {
        this.maxEntryRatio = 1 / minInflateRatio;
        this.maxTotalRatio = maxTotalRatio;
    }

    /**
     * Throws {@link LimitExceeded} for a zip bomb or at the deadline. Files that are not zips, or zips
     * too damaged to open, pass: the parser will say what is wrong with them.
     */
    void check(Path file, long deadlineNanos) throws IOException, LimitExceeded {
        if (!startsWithZipHeader(file)) {
            return;
        }
        long fileSize = java.nio.file.Files.size(file);
        long totalBudget = Math.max(GRACE_BYTES, fileSize) * maxTotalRatio;
        long total = 0;
        byte[] sink = new byte[64 * 1024];
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException damaged) {
            return;
        }
        try (zip) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                long compressed = Math.max(1, Math.min(entry.getCompressedSize() < 0 ? fileSize : entry.getCompressedSize(),
                        fileSize));
                long inflated = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    for (int n; (n = in.read(sink)) > 0;) {
                        inflated += n;
                        total += n;
                        if (inflated > GRACE_BYTES && inflated > compressed * maxEntryRatio) {
                            throw new LimitExceeded(Reason.ZIP_BOMB, "zip bomb: entry " + Failures.clip(entry.getName())
                                    + " inflates more than " + (long) maxEntryRatio + " times its compressed size of "
                                    + compressed + " bytes");
                        }
                        if (total > totalBudget) {
                            throw new LimitExceeded(Reason.ZIP_BOMB, "zip bomb: the entries inflate to more than "
                                    + maxTotalRatio + " times the file's " + fileSize + " bytes");
                        }
                        if (System.nanoTime() - deadlineNanos > 0) {
                            throw new LimitExceeded(Reason.TIMEOUT, "the extraction did not finish within its time limit");
                        }
                    }
                } catch (ZipException damagedEntry) {
                    // A damaged entry is the parser's to report; the size counted so far stands.
                }
            }
        }
    }

    private static boolean startsWithZipHeader(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer head = ByteBuffer.allocate(LOCAL_HEADER.length);
            while (head.hasRemaining() && channel.read(head) > 0) {
                // fill the four header bytes
            }
            return !head.hasRemaining() && java.util.Arrays.equals(head.array(), LOCAL_HEADER);
        }
    }
}
