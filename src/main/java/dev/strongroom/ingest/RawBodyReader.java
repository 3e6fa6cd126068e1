package dev.strongroom.ingest;

import dev.strongroom.http.ProblemException;
import dev.strongroom.http.ProblemType;
import dev.strongroom.http.Problems;
import dev.strongroom.store.BlobStore;
import java.io.IOException;

/**
 * Reads an upload whose body is the file itself: straight from the wire into the hashing pending
 * blob, with the type checked on the first bytes. No envelope to parse; the name and other fields
 * come from the query.
 */
final class RawBodyReader {

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
            file.readFrom(new PacedBody(request.body(), config.minBytesPerSecond(), config.slowUploadGrace()));
            IncomingFile.Received received = file.finish();
            if (request.contentLength() >= 0 && received.size() != request.contentLength()) {
                throw new IOException("the body held " + received.size() + " of the " + request.contentLength()
                        + " bytes its Content-Length declared");
            }
            return received;
        } catch (IOException e) {
            throw ProblemException.badRequest(ProblemType.INCOMPLETE_BODY,
                    "The upload ended early: " + Problems.clip(String.valueOf(e.getMessage())) + "; nothing was stored");
        }
    }
}
