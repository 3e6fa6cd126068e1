package dev.strongroom.ingest;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.Problems;
import dev.strongroom.store.BlobStore;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an upload whose body is the file itself: straight from the wire into the hashing pending
 * blob, with the type checked on the first bytes. No envelope to parse; the name and other fields
 * come from the query.
 */
final class RawBodyReader {

    private static final int CHUNK = 64 * 1024;

    private final BlobStore store;
    private final ContentTypeDetector detector;
    private final UploadConfig config;

    RawBodyReader(BlobStore store, ContentTypeDetector detector, UploadConfig config) {
        this.store = store;
        this.detector = detector;
        this.config = config;
    }

    IncomingFile.Received read(UploadRequest request) {
        if (request.contentLength() > config.maxFileBytes()) {
            throw IncomingFile.tooLarge(config);
        }
        try (IncomingFile file = new IncomingFile(store, detector, config, request.fields().fileName(),
                request.contentLength())) {
            InputStream body = new PacedBody(request.body(), config.minBytesPerSecond(), config.slowUploadGrace());
            byte[] chunk = new byte[request.contentLength() >= 0 ? (int) Math.min(CHUNK, request.contentLength() + 1)
                    : CHUNK];
            int n;
            while ((n = body.read(chunk)) >= 0) {
                file.write(chunk, 0, n);
            }
            return file.finish();
        } catch (IOException e) {
            throw ProblemException.badRequest("incomplete-body",
                    "The upload ended early: " + Problems.clip(String.valueOf(e.getMessage())) + "; nothing was stored");
        }
    }
}
