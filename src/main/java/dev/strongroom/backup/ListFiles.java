package dev.strongroom.backup;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's two lists of backed-up objects, written line for line together (docs/backup-format.md): one in the format
 * {@code sha256sum --check} reads, one with each object's S3 version id (key, version id, SHA-256, tab-separated).
 */
final class ListFiles implements Closeable {

    /** The first line of a list that holds only what its run added. */
    static final String DELTA_OF = "# delta of ";

    final Path checksums;
    final Path versions;
    private final BufferedWriter sums;
    private final BufferedWriter tsv;

    private ListFiles(Path work) throws IOException {
        checksums = work.resolve("checksums.sha256sums");
        versions = work.resolve("versions.tsv");
        sums = Files.newBufferedWriter(checksums, StandardCharsets.UTF_8);
        tsv = Files.newBufferedWriter(versions, StandardCharsets.UTF_8);
    }

    static ListFiles in(Path work) throws IOException {
        return new ListFiles(work);
    }

    /** Names the lists before these, which a delta adds to (a comment to {@code sha256sum}). */
    void deltaOf(Manifest.ObjectRef checksumsBefore, Manifest.ObjectRef versionsBefore) {
        line(sums, DELTA_OF + checksumsBefore.key() + " " + checksumsBefore.sha256());
        line(tsv, DELTA_OF + versionsBefore.key() + " " + versionsBefore.sha256());
    }

    void object(String key, String versionId, String sha256) {
        line(sums, sha256 + "  " + key);
        line(tsv, key + "\t" + versionId + "\t" + sha256);
    }

    @Override
    public void close() throws IOException {
        try {
            sums.close();
        } finally {
            tsv.close();
        }
    }

    private static void line(BufferedWriter out, String text) {
        try {
            out.write(text + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
