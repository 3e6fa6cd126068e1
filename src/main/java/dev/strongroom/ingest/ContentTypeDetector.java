package dev.strongroom.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.jboss.logging.Logger;

/**
 * What a file really is, from its first bytes. The file name only refines a match the bytes already
 * made: "x.docx" with zip-container OOXML bytes is DOCX, while an executable named "x.pdf" is still
 * an executable. The common accepted cases are decided by {@link TypeSniffer} from Tika's own magic
 * database in microseconds; everything else, refusals included, by Tika's full detection (all its
 * detectors, containers looked into), which costs about a millisecond of CPU per file.
 * <p>
 * Tika's database and detectors are loaded when the first file arrives, not at start.
 */
@ApplicationScoped
public class ContentTypeDetector {

    private static final Logger LOG = Logger.getLogger(ContentTypeDetector.class);

    /** Tika reads this much of a file to detect its type (MimeTypes' minimum length). */
    public static final int HEAD_BYTES = 64 * 1024;

    private final UploadConfig config;
    private volatile Detectors detectors;

    public ContentTypeDetector(UploadConfig config) {
        this.config = config;
    }

    public String detect(byte[] head, String fileName) {
        Detectors d = detectors();
        String sniffed = d.sniffer() == null ? null : d.sniffer().sniff(head, fileName);
        return sniffed != null ? sniffed : full(d.full(), head, fileName);
    }

    /** Tika's full detection, as every upload had it before the sniffer. */
    static String full(Detector detector, byte[] head, String fileName) {
        Metadata metadata = new Metadata();
        if (fileName != null) {
            metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        }
        try {
            MediaType type = detector.detect(new ByteArrayInputStream(head), metadata);
            return type.getBaseType().toString();
        } catch (IOException e) {
            // Read from memory, so this is a container detector choking on what it was given (a "bplist"
            // head that is no property list, say): bytes of no known type, refused as such.
            LOG.debugf(e, "Tika could not read the head of '%s' as the container it starts like", fileName);
            return MediaType.OCTET_STREAM.toString();
        }
    }

    private Detectors detectors() {
        Detectors d = detectors;
        if (d == null) {
            synchronized (this) {
                d = detectors;
                if (d == null) {
                    d = detectors = load(config);
                }
            }
        }
        return d;
    }

    private static Detectors load(UploadConfig config) {
        MimeTypes types = MimeTypes.getDefaultMimeTypes();
        Detector full = new DefaultDetector(types);
        try {
            return new Detectors(new TypeSniffer(TikaMagicIndex.of(types), types, config.allowedTypes()), full);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf(e, "Cannot index Tika's magic database; every upload takes Tika's full type detection "
                    + "(slower, equally strict)");
            return new Detectors(null, full);
        }
    }

    /** The sniffer (null when Tika's database could not be indexed) and Tika's full detection. */
    private record Detectors(TypeSniffer sniffer, Detector full) {
    }
}
