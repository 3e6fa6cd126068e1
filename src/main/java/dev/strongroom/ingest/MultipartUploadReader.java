package dev.strongroom.ingest;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import dev.strongroom.store.BlobStore;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Reads one upload's multipart/form-data body as it arrives, with Jetty's streaming parser (its
 * parser alone, no server): boundaries are found by Boyer-Moore-Horspool over each whole chunk read,
 * and the file part's bytes go on to the {@link IncomingFile} as slices of that chunk, never copied
 * or held whole. Small text fields are read with a hard cap. Memory stays bounded by one chunk, the
 * type-detection head and the fields.
 */
final class MultipartUploadReader {

    static final String FILE = "file";
    private static final Set<String> FIELDS = Set.of("retentionClass", "description", "tags");
    private static final int MAX_FIELD_BYTES = 16 * 1024;
    /** A part's header section; a very long file name is what exceeds it. */
    static final int MAX_PART_HEADER_BYTES = 1024;
    /** The file, the fields (tags may come as one part each) and room for a client's extras. */
    private static final int MAX_PARTS = 128;
    /** Multipart boundaries, part headers and the small fields on top of the file itself. */
    static final long ENVELOPE_BYTES = 1024 * 1024;
    private static final int CHUNK = 64 * 1024;

    private final BlobStore store;
    private final ContentTypeDetector detector;
    private final UploadConfig config;

    MultipartUploadReader(BlobStore store, ContentTypeDetector detector, UploadConfig config) {
        this.store = store;
        this.detector = detector;
        this.config = config;
    }

    /**
     * Streams the file into a pending blob and returns it uncommitted, with the fields, so the caller
     * can still refuse it (digest mismatch) before anything becomes visible.
     */
    Received read(UploadRequest request) {
        long maxBody = config.maxFileBytes() + ENVELOPE_BYTES;
        if (request.contentLength() > maxBody) {
            throw IncomingFile.tooLarge(config);
        }
        String boundary = boundary(request.contentType());
        Parts parts = new Parts();
        MultiPart.Parser parser = new MultiPart.Parser(boundary, parts);
        parser.setPartHeadersMaxLength(MAX_PART_HEADER_BYTES);
        try (parts) {
            InputStream body = new PacedBody(request.body(), config.minBytesPerSecond(), config.slowUploadGrace());
            byte[] chunk = new byte[CHUNK];
            long total = 0;
            int n;
            while (!parts.done() && (n = body.read(chunk)) >= 0) {
                total += n;
                if (total > maxBody) {
                    throw IncomingFile.tooLarge(config);
                }
                parser.parse(Content.Chunk.from(ByteBuffer.wrap(chunk, 0, n), false));
                parts.throwIfRefused();
            }
            if (!parts.done()) {
                parser.parse(Content.Chunk.EOF);
                parts.throwIfRefused();
            }
            return parts.received();
        } catch (IOException e) {
            throw ProblemException.badRequest(ProblemType.MALFORMED_MULTIPART,
                    "The upload ended early or is malformed: " + Problems.clip(String.valueOf(e.getMessage())));
        }
    }

    private static String boundary(String contentType) {
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isBlank()) {
            throw ProblemException.badRequest(ProblemType.MALFORMED_MULTIPART,
                    "The multipart body is malformed: its Content-Type names no boundary");
        }
        return boundary;
    }

    /**
     * The parser's events for one body. The parser swallows what a listener throws, so the first
     * refusal is kept here, the rest of the body is ignored, and {@link #throwIfRefused()} raises it
     * between chunks.
     */
    private final class Parts extends MultiPart.AbstractPartsListener implements AutoCloseable {

        private IncomingFile file;
        private String fileName;
        private boolean fileEnded;
        private boolean handedOver;
        private IncomingFile.Received received;
        private ByteArrayOutputStream field;
        private String retentionClass;
        private String description;
        private final List<String> tags = new ArrayList<>();
        private int count;
        private boolean complete;
        private RuntimeException refusal;

        boolean done() {
            return complete || refusal != null;
        }

        @Override
        public void onPartHeaders() {
            if (refusal != null) {
                return;
            }
            try {
                String name = getName();
                if (++count > MAX_PARTS) {
                    throw ProblemException.badRequest(ProblemType.TOO_MANY_PARTS,
                            "The upload has more than " + MAX_PARTS + " parts");
                }
                if (FILE.equals(name)) {
                    if (file != null) {
                        throw ProblemException.badRequest(ProblemType.TWO_FILE_PARTS,
                                "The upload has more than one part named 'file'; send one file per document");
                    }
                    fileName = getFileName();
                    file = new IncomingFile(store, detector, config, fileName, -1);
                } else if (FIELDS.contains(name)) {
                    field = new ByteArrayOutputStream();
                } else {
                    throw ProblemException.badRequest(ProblemType.UNKNOWN_FIELD, "Unknown form field '"
                            + Problems.clip(String.valueOf(name))
                            + "'; the upload takes file, retentionClass, description and tags");
                }
            } catch (RuntimeException e) {
                refusal = e;
            }
        }

        /**
         * The chunk is a view of the buffer just given to the parser (it shares that buffer's reference
         * count, so it is not released here); its bytes are consumed before the call returns.
         */
        @Override
        public void onPartContent(Content.Chunk chunk) {
            try {
                if (refusal != null) {
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int length = bytes.remaining();
                if (length == 0) {
                    return;
                }
                if (!bytes.hasArray()) {
                    byte[] copy = new byte[length];
                    bytes.duplicate().get(copy);
                    bytes = ByteBuffer.wrap(copy);
                }
                if (field != null) {
                    if (field.size() + length > MAX_FIELD_BYTES) {
                        throw ProblemException.badRequest(ProblemType.FIELD_TOO_LONG,
                                "Form field '" + getName() + "' is longer than " + MAX_FIELD_BYTES + " bytes");
                    }
                    field.write(bytes.array(), bytes.arrayOffset() + bytes.position(), length);
                } else if (file != null && !fileEnded) {
                    file.write(bytes.array(), bytes.arrayOffset() + bytes.position(), length);
                }
            } catch (RuntimeException e) {
                refusal = e;
            }
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            if (refusal != null) {
                return;
            }
            try {
                if (field != null) {
                    String value = field.toString(StandardCharsets.UTF_8);
                    field = null;
                    switch (name) {
                        case "retentionClass" -> retentionClass = value;
                        case "description" -> description = value;
                        default -> Arrays.stream(value.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                                .forEach(tags::add);
                    }
                } else if (file != null && !fileEnded) {
                    fileEnded = true;
                    received = file.finish();
                }
            } catch (RuntimeException e) {
                refusal = e;
            }
        }

        @Override
        public void onComplete() {
            complete = true;
        }

        /** The parser's own failures; what this listener throws never reaches here (the parser swallows it). */
        @Override
        public void onFailure(Throwable failure) {
            if (refusal == null) {
                refusal = malformed(failure);
            }
        }

        private static ProblemException malformed(Throwable failure) {
            String message = failure instanceof HttpException http ? http.getReason() : String.valueOf(failure.getMessage());
            if (failure instanceof IllegalStateException && message.toLowerCase(Locale.ROOT).contains("headers max length")) {
                return ProblemException.badRequest(ProblemType.PART_HEADERS_TOO_LARGE,
                        "A part's headers are longer than " + MAX_PART_HEADER_BYTES
                                + " bytes; the file name is probably too long, so rename the file and send it again");
            }
            if (failure instanceof EOFException) {
                return ProblemException.badRequest(ProblemType.MALFORMED_MULTIPART,
                        "The multipart body is malformed: it ended before its closing boundary");
            }
            return ProblemException.badRequest(ProblemType.MALFORMED_MULTIPART,
                    "The multipart body is malformed: " + Problems.clip(message));
        }

        void throwIfRefused() {
            if (refusal != null) {
                throw refusal;
            }
        }

        /** The whole body was read: the file and the fields, or why there is no file. */
        Received received() {
            if (file == null) {
                throw ProblemException.badRequest(ProblemType.NO_FILE, "The upload has no part named 'file'");
            }
            handedOver = true;
            return new Received(received, new UploadFields(fileName, retentionClass, description, tags));
        }

        /** Deletes the file's pending blob unless it was handed over. */
        @Override
        public void close() {
            if (handedOver) {
                return;
            }
            if (received != null) {
                received.pending().close();
            } else if (file != null) {
                file.close();
            }
        }
    }

    /** The body as it arrived: the file's bytes in a pending blob, not yet committed, and the fields. */
    record Received(IncomingFile.Received file, UploadFields fields) {
    }
}
