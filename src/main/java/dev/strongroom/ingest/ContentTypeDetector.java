package dev.strongroom.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

/**
 * What a file really is, from its first bytes (Tika magic detection). The file name only refines
 * a match the bytes already made: "x.docx" with zip-container OOXML bytes is DOCX, while an
 * executable named "x.pdf" is still an executable.
 */
@ApplicationScoped
public class ContentTypeDetector {

    /** Tika's magic patterns look no further than this into a file. */
    public static final int HEAD_BYTES = 64 * 1024;

    private final Detector detector = TikaConfig.getDefaultConfig().getDetector();

    public String detect(byte[] head, String fileName) {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        try {
            MediaType type = detector.detect(new ByteArrayInputStream(head), metadata);
            return type.getBaseType().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
