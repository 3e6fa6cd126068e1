package dev.strongroom.metadata.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * Tika's detector, run once per document. The extractor detects a document's type before its safety
 * checks (the refusals name the type) and then hands the same stream to the parser; without this,
 * {@code AutoDetectParser} detected it all over again, which for DOCX and XLSX means opening the OOXML
 * package a second time (in a profile of the benchmark corpus a quarter of the parse threads' samples
 * were type detection, half of it repeated). The answer is kept for
 * that one stream and handed out once; any other stream (an embedded document) is detected as usual.
 * <p>
 * Not the metadata's content-type override: Tika's CSV parser reads that as the caller's instruction
 * and would parse every CSV candidate as CSV.
 */
final class DetectOnce implements Detector {

    private final Detector detector;
    private final Map<InputStream, MediaType> detected = Collections.synchronizedMap(new IdentityHashMap<>());

    DetectOnce(Detector detector) {
        this.detector = detector;
    }

    /** Detects the stream's type and keeps the answer for the parse of this same stream. */
    MediaType detectForParse(TikaInputStream stream, Metadata metadata) throws IOException {
        MediaType type = detector.detect(stream, metadata);
        detected.put(stream, type);
        return type;
    }

    /** Drops a kept answer the parse did not take (the document was refused before it). */
    void forget(TikaInputStream stream) {
        detected.remove(stream);
    }

    @Override
    public MediaType detect(InputStream stream, Metadata metadata) throws IOException {
        MediaType known = detected.remove(stream);
        return known != null ? known : detector.detect(stream, metadata);
    }
}
