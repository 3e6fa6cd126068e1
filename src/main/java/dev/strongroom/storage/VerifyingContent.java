package dev.strongroom.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * Bytes for an upload that hash themselves on the way out. S3 verifies the checksum we send; this
 * verifies that what we actually sent is what the catalog says, which also holds against an
 * endpoint (an emulator) that does not check. The SDK opens a new stream per attempt; every stream
 * it read to the end must have matched. Each read is reported to {@code onRead}, so a run can tell
 * an upload that moves from one that hangs.
 */
public final class VerifyingContent implements ContentStreamProvider {

    private final Supplier<InputStream> source;
    private final long length;
    private final Runnable onRead;
    private final List<String> completedDigests = new ArrayList<>();

    /** @param onRead told of every read; may be null */
    public VerifyingContent(Supplier<InputStream> source, long length, Runnable onRead) {
        this.source = source;
        this.length = length;
        this.onRead = onRead;
    }

    @Override
    public InputStream newStream() {
        return new Hashing(source.get());
    }

    /** True when at least one complete read happened and every complete read hashed to {@code expectedHex}. */
    public synchronized boolean sentExactly(String expectedHex) {
        return !completedDigests.isEmpty() && completedDigests.stream().allMatch(expectedHex::equals);
    }

    public synchronized String lastDigest() {
        return completedDigests.isEmpty() ? null : completedDigests.get(completedDigests.size() - 1);
    }

    private synchronized void completed(String hex) {
        completedDigests.add(hex);
    }

    private final class Hashing extends FilterInputStream {
        private final MessageDigest digest = Sha256.digest();
        private long count;
        private boolean done;

        Hashing(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
                advanced(1);
            } else {
                finish();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int len) throws IOException {
            int n = super.read(buffer, offset, len);
            if (n > 0) {
                digest.update(buffer, offset, n);
                advanced(n);
            } else if (n < 0) {
                finish();
            }
            return n;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void advanced(long n) {
            count += n;
            if (onRead != null) {
                onRead.run();
            }
            if (count == length) {
                finish();
            }
        }

        private void finish() {
            if (!done && count == length) {
                done = true;
                completed(Sha256.hex(digest.digest()));
            }
        }

        @Override
        public void close() {
            try {
                super.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
