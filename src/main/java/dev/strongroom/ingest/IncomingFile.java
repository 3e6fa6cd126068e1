package dev.strongroom.ingest;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.store.BlobStore;
import dev.strongroom.store.PendingBlob;
import dev.strongroom.store.VolumeWriteException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * One upload's file bytes on their way into a pending blob, pushed in chunks by whichever reader
 * takes them off the wire (the raw body or a multipart part). The first {@link ContentTypeDetector#HEAD_BYTES}
 * are held back until the type is known: a refused type never reaches the volume, and nothing is
 * held in memory beyond that head. Every byte counts against the size limit as it arrives.
 * <p>
 * {@link #finish()} hands the still uncommitted blob to the caller; closing before that deletes it.
 * Refusals are {@link ProblemException}s: 413 too large, 415 type, 400 empty, 507/503 volume.
 */
final class IncomingFile implements AutoCloseable {

    private final BlobStore store;
    private final ContentTypeDetector detector;
    private final UploadConfig config;
    private final String fileName;
    private byte[] head;
    private int headLength;
    private long received;
    private PendingBlob pending;
    private String detectedType;
    private boolean handedOver;

    /** {@code expectedBytes}: the declared length when known (-1 otherwise), so a small file needs no 64 KiB head. */
    IncomingFile(BlobStore store, ContentTypeDetector detector, UploadConfig config, String fileName,
            long expectedBytes) {
        this.store = store;
        this.detector = detector;
        this.config = config;
        this.fileName = fileName;
        int headSize = expectedBytes >= 0 ? (int) Math.min(expectedBytes, ContentTypeDetector.HEAD_BYTES)
                : ContentTypeDetector.HEAD_BYTES;
        this.head = new byte[Math.max(headSize, 1)];
    }

    void write(byte[] bytes, int offset, int length) {
        count(length);
        if (pending == null) {
            int room = ContentTypeDetector.HEAD_BYTES - headLength;
            int taken = Math.min(room, length);
            if (headLength + taken > head.length) {
                head = Arrays.copyOf(head, Math.min(ContentTypeDetector.HEAD_BYTES, Math.max(head.length * 2,
                        headLength + taken)));
            }
            System.arraycopy(bytes, offset, head, headLength, taken);
            headLength += taken;
            if (headLength < ContentTypeDetector.HEAD_BYTES) {
                return;
            }
            admit();
            offset += taken;
            length -= taken;
            if (length == 0) {
                return;
            }
        }
        writeToBlob(bytes, offset, length);
    }

    private void writeToBlob(byte[] bytes, int offset, int length) {
        try {
            pending.output().write(bytes, offset, length);
        } catch (VolumeWriteException e) {
            throw VolumeRefusal.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a whole body into the file: the head straight into its own buffer, then the rest through
     * that same array once the head has gone to the blob, so a body costs one buffer.
     */
    void readFrom(InputStream in) throws IOException {
        byte[] buffer = head;
        while (pending == null) {
            if (headLength == head.length) {
                head = Arrays.copyOf(head, Math.min(ContentTypeDetector.HEAD_BYTES, head.length * 2));
                buffer = head;
            }
            int n = in.read(head, headLength, head.length - headLength);
            if (n < 0) {
                return;
            }
            count(n);
            headLength += n;
            if (headLength == ContentTypeDetector.HEAD_BYTES) {
                admit();
            }
        }
        int n;
        while ((n = in.read(buffer)) >= 0) {
            count(n);
            writeToBlob(buffer, 0, n);
        }
    }

    private void count(int n) {
        received += n;
        if (received > config.maxFileBytes()) {
            throw tooLarge(config);
        }
    }

    /** The whole file has arrived: the blob, sealed by the caller, still uncommitted. */
    Received finish() {
        if (pending == null) {
            if (headLength == 0) {
                throw ProblemException.badRequest(ProblemType.EMPTY_FILE, "The file is empty (0 bytes); nothing was stored");
            }
            admit();
        }
        handedOver = true;
        return new Received(pending, detectedType, received);
    }

    /** Decides the type from the head, then moves the head into a new pending blob. */
    private void admit() {
        byte[] sniffed = headLength == head.length ? head : Arrays.copyOf(head, headLength);
        detectedType = detector.detect(sniffed, fileName);
        if (!config.allowedTypes().contains(detectedType)) {
            throw new ProblemException(415, ProblemType.UNSUPPORTED_TYPE, "Unsupported file type",
                    "Files of type " + detectedType + " are not accepted; accepted types: "
                            + String.join(", ", config.allowedTypes().stream().sorted().toList()),
                    Map.of("detectedType", detectedType), Map.of());
        }
        try {
            pending = store.begin();
            pending.output().write(head, 0, headLength);
        } catch (UncheckedIOException e) {
            throw VolumeRefusal.cause(e).map(VolumeRefusal::of).orElseThrow(() -> e);
        } catch (VolumeWriteException e) {
            throw VolumeRefusal.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        head = null;
    }

    static ProblemException tooLarge(UploadConfig config) {
        return new ProblemException(413, ProblemType.TOO_LARGE, "File too large",
                "The file is larger than the limit of " + config.maxFileBytes() + " bytes",
                Map.of("maxBytes", config.maxFileBytes()), Map.of());
    }

    @Override
    public void close() {
        if (pending != null && !handedOver) {
            pending.close();
        }
    }

    /** A file that arrived whole, its type accepted, its bytes in a pending blob. */
    record Received(PendingBlob pending, String detectedType, long size) {
    }
}
