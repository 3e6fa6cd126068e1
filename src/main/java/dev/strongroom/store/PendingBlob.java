package dev.strongroom.store;

import dev.strongroom.DirectorySync;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An upload on its way into the store. Bytes written to {@link #output()} go to the temp file and
 * through SHA-256 in one pass. {@link #commit()} makes the blob durable and visible; closing without
 * committing deletes the temp file. Not thread-safe: one request writes one pending blob.
 * <p>
 * While it writes, it looks at the volume's free space every {@value #SPACE_CHECK_BYTES} bytes and
 * stops, as a full volume, below the write floor: an upload of unknown length must not take the room
 * the catalog and the audit journal need to record what happens.
 */
public final class PendingBlob implements AutoCloseable {

    private static final int BUFFER = 16 * 1024;
    static final long SPACE_CHECK_BYTES = 4L * 1024 * 1024;

    private final BlobStore store;
    private final Path temp;
    private final FileChannel channel;
    private final MessageDigest digest;
    private final OutputStream output;
    private StoredBlob committed;
    private String sha256;
    private long size;

    PendingBlob(BlobStore store, Path temp, long writeFloor) throws IOException {
        this.store = store;
        this.temp = temp;
        this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        // Writes of a buffer's size or more (an upload's chunks) go straight through; smaller ones (a stream's
        // transferTo) are gathered. Sized for that, not for throughput: one is made per upload.
        this.output = new DigestOutputStream(new BufferedOutputStream(new VolumeOutput(temp,
                Channels.newOutputStream(channel), writeFloor), BUFFER), digest);
    }

    public OutputStream output() {
        return output;
    }

    /**
     * Ends writing: flushes, fsyncs the temp file and returns the SHA-256 of everything written, so
     * the caller can still refuse the bytes (a digest mismatch) before they become visible.
     */
    public String seal() {
        try {
            output.flush();
            channel.force(true);
            size = channel.size();
            channel.close();
            sha256 = HexFormat.of().formatHex(digest.digest());
            return sha256;
        } catch (VolumeWriteException e) {
            throw new UncheckedIOException("cannot store the upload durably", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload durably", new VolumeWriteException(temp, e));
        }
    }

    /**
     * Renames the sealed temp file to its content address and fsyncs the directories it touched.
     * After this returns the blob is visible and survives a crash.
     */
    public StoredBlob commit() {
        if (sha256 == null) {
            throw new IllegalStateException("seal() first");
        }
        try {
            Path target = store.pathOf(sha256);
            // java.io.File's checks: on Java 17 Files.isRegularFile and isDirectory throw and catch an exception for a
            // path that does not exist, which is every new blob.
            boolean existed = target.toFile().isFile();
            Path dir = target.getParent();
            if (!dir.toFile().isDirectory()) {
                Files.createDirectories(dir);
                DirectorySync.fsync(dir.getParent());
                DirectorySync.fsync(dir.getParent().getParent());
            }
            // Replacing an existing blob with freshly hashed equal bytes also heals one that rotted.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            DirectorySync.fsync(dir);
            committed = new StoredBlob(sha256, size, !existed);
            return committed;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store the upload durably", new VolumeWriteException(temp, e));
        }
    }

    @Override
    public void close() {
        if (committed != null) {
            return;
        }
        try {
            channel.close();
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove upload temp file " + temp, e);
        }
    }

    /** Marks every failed write as the volume's failure, so it is never taken for a client's broken body. */
    private static final class VolumeOutput extends FilterOutputStream {
        private final Path temp;
        private final long writeFloor;
        private long sinceCheck;

        VolumeOutput(Path temp, OutputStream out, long writeFloor) {
            super(out);
            this.temp = temp;
            this.writeFloor = writeFloor;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            sinceCheck += len;
            if (writeFloor > 0 && sinceCheck >= SPACE_CHECK_BYTES) {
                sinceCheck = 0;
                long usable = Files.getFileStore(temp.getParent()).getUsableSpace();
                if (usable < writeFloor) {
                    throw VolumeWriteException.belowFloor(temp, usable, writeFloor);
                }
            }
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw new VolumeWriteException(temp, e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw new VolumeWriteException(temp, e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw new VolumeWriteException(temp, e);
            }
        }
    }
}
