package dev.strongroom.ingest;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.MultipartParts;
import dev.strongroom.http.Problems;
import dev.strongroom.store.BlobStore;
import dev.strongroom.store.PendingBlob;
import dev.strongroom.store.VolumeWriteException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadException;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.core.MultipartInput;

/**
 * Reads one upload's multipart body as a stream (Apache Commons FileUpload's streaming API): the
 * file part goes straight into a pending blob, its first bytes through type detection on the way,
 * and small text fields are read with a hard cap. Nothing is held whole in memory.
 */
final class MultipartUploadReader {

    static final String FILE = "file";
    private static final Set<String> FIELDS = Set.of("retentionClass", "description", "tags");
    private static final int MAX_FIELD_BYTES = 16 * 1024;
    /** Multipart boundaries, part headers and the small fields on top of the file itself. */
    static final long ENVELOPE_BYTES = 1024 * 1024;

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
    Parsed read(UploadRequest request) {
        MultipartParts upload = new MultipartParts();
        upload.setFileSizeMax(config.maxFileBytes());
        upload.setSizeMax(config.maxFileBytes() + ENVELOPE_BYTES);
        upload.setFileCountMax(8);
        PendingBlob pending = null;
        String fileName = null;
        String detected = null;
        String retentionClass = null;
        String description = null;
        List<String> tags = new ArrayList<>();
        boolean empty = false;
        try {
            FileItemInputIterator parts = upload.parts(new PacedBody(request.body(),
                    config.minBytesPerSecond(), config.slowUploadGrace()), request.contentType(), request.contentLength());
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                String name = part.getFieldName();
                if (FILE.equals(name)) {
                    if (pending != null) {
                        throw ProblemException.badRequest("two-file-parts",
                                "The upload has more than one part named 'file'; send one file per document");
                    }
                    // Not part.getName(): it refuses a NUL in the name with an unchecked InvalidPathException,
                    // while FileNames drops NUL like every other control character.
                    fileName = unescapeQuotes(upload.getFileName(part.getHeaders()));
                    pending = store.begin();
                    try (InputStream in = part.getInputStream()) {
                        byte[] head = in.readNBytes(ContentTypeDetector.HEAD_BYTES);
                        if (head.length == 0) {
                            empty = true;
                            continue;
                        }
                        detected = detector.detect(head, fileName);
                        if (!config.allowedTypes().contains(detected)) {
                            throw new ProblemException(415, "unsupported-type", "Unsupported file type",
                                    "Files of type " + detected + " are not accepted; accepted types: "
                                            + String.join(", ", config.allowedTypes().stream().sorted().toList()),
                                    Map.of("detectedType", detected), Map.of());
                        }
                        pending.output().write(head);
                        in.transferTo(pending.output());
                    }
                } else if (FIELDS.contains(name)) {
                    String value = readField(part);
                    switch (name) {
                        case "retentionClass" -> retentionClass = value;
                        case "description" -> description = value;
                        default -> Arrays.stream(value.split(",")).map(String::strip).filter(t -> !t.isEmpty())
                                .forEach(tags::add);
                    }
                } else {
                    throw ProblemException.badRequest("unknown-field", "Unknown form field '" + Problems.clip(name)
                            + "'; the upload takes file, retentionClass, description and tags");
                }
            }
        } catch (FileUploadSizeException e) {
            closeQuietly(pending);
            throw partHeadersTooLarge(e).orElseGet(this::tooLarge);
        } catch (FileUploadException e) {
            closeQuietly(pending);
            throw ProblemException.badRequest("malformed-multipart",
                    "The multipart body is malformed: " + Problems.clip(e.getMessage()));
        } catch (VolumeWriteException e) {
            closeQuietly(pending);
            throw VolumeRefusal.of(e);
        } catch (IOException e) {
            closeQuietly(pending);
            if (e.getCause() instanceof FileUploadSizeException size) {
                throw partHeadersTooLarge(size).orElseGet(this::tooLarge);
            }
            throw ProblemException.badRequest("malformed-multipart",
                    "The upload ended early or is malformed: " + Problems.clip(e.getMessage()));
        } catch (RuntimeException e) {
            closeQuietly(pending);
            Optional<VolumeWriteException> volume = VolumeRefusal.cause(e);
            throw volume.isPresent() ? VolumeRefusal.of(volume.get()) : e;
        }
        if (pending == null) {
            throw ProblemException.badRequest("no-file", "The upload has no part named 'file'");
        }
        if (empty) {
            closeQuietly(pending);
            throw ProblemException.badRequest("empty-file", "The file is empty (0 bytes); nothing was stored");
        }
        return new Parsed(pending, fileName, detected, retentionClass, description, tags);
    }

    /**
     * Java's HTTP clients, among others, send a quote in a file name as the quoted-pair \" of a MIME
     * quoted-string; FileUpload keeps the backslash, which {@link FileNames} then takes for a Windows
     * path separator, cutting the name short. Only \" is undone: a quote never occurs in a Windows
     * path, while other backslashes may still be the full client path that old browsers send.
     */
    private static String unescapeQuotes(String name) {
        return name == null ? null : name.replace("\\\"", "\"");
    }

    /**
     * FileUpload caps each part's header section at {@link MultipartInput#DEFAULT_PART_HEADER_SIZE_MAX}
     * bytes (not configurable through its streaming API); a very long file name is what exceeds it, and
     * that is not a file over the size limit.
     */
    private static Optional<ProblemException> partHeadersTooLarge(FileUploadSizeException e) {
        if (e.getPermitted() != MultipartInput.DEFAULT_PART_HEADER_SIZE_MAX || e.getMessage() == null
                || !e.getMessage().startsWith("Header section")) {
            return Optional.empty();
        }
        return Optional.of(ProblemException.badRequest("part-headers-too-large",
                "A part's headers are longer than " + MultipartInput.DEFAULT_PART_HEADER_SIZE_MAX
                        + " bytes; the file name is probably too long, so rename the file and send it again"));
    }

    ProblemException tooLarge() {
        return new ProblemException(413, "too-large", "File too large",
                "The file is larger than the limit of " + config.maxFileBytes() + " bytes",
                Map.of("maxBytes", config.maxFileBytes()), Map.of());
    }

    private static String readField(FileItemInput part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_FIELD_BYTES + 1);
            if (bytes.length > MAX_FIELD_BYTES) {
                throw ProblemException.badRequest("field-too-long",
                        "Form field '" + part.getFieldName() + "' is longer than " + MAX_FIELD_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static void closeQuietly(PendingBlob pending) {
        if (pending != null) {
            pending.close();
        }
    }

    /** The body as it arrived, before its file is committed. */
    record Parsed(PendingBlob pending, String fileName, String detectedType, String retentionClass,
            String description, List<String> tags) {
    }
}
