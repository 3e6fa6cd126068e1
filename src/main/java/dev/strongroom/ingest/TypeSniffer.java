package dev.strongroom.ingest;

import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeType;
import org.apache.tika.mime.MimeTypes;

/**
 * Decides the common, unambiguous cases of the allow-list without Tika's full detection: a file
 * whose bytes can only be one of the types below, by Tika's own magic, or clean text that no magic
 * pattern could claim. The answer is then refined by the file name exactly as Tika refines it (a
 * {@code .csv} name on plain text is CSV). Anything else, and every type that would be refused, is
 * left to Tika ({@code null}): this class only ever says what Tika would say.
 * <p>
 * Not decided here: types Tika refines further (XML and HTML by their root element; ZIP and OLE
 * containers by their entries), and anything that more than one type's magic could match.
 */
final class TypeSniffer {

    /** Types whose magic alone is Tika's answer (no root element or container look inside). */
    private static final Set<String> SIGNATURES = Set.of("application/pdf", "image/png", "image/jpeg", "image/tiff",
            "image/webp");
    private static final MediaType TEXT = MediaType.TEXT_PLAIN;

    private final TikaMagicIndex magic;
    private final MimeTypes types;
    private final MediaTypeRegistry registry;
    private final Set<String> allowed;

    TypeSniffer(TikaMagicIndex magic, MimeTypes types, Set<String> allowed) {
        this.magic = magic;
        this.types = types;
        this.registry = types.getMediaTypeRegistry();
        this.allowed = allowed;
    }

    /** The type Tika's full detection would give, when it is certain and allowed; otherwise null. */
    String sniff(byte[] head, String fileName) {
        Set<MimeType> candidates = magic.candidates(head);
        MediaType base;
        if (candidates.isEmpty()) {
            if (!CleanText.is(head)) {
                return null;
            }
            base = TEXT;
        } else if (candidates.size() == 1) {
            MimeType only = candidates.iterator().next();
            if (!SIGNATURES.contains(only.getName()) || !only.matchesMagic(head)) {
                return null;
            }
            base = only.getType();
        } else {
            return null;
        }
        String decided = byName(base, fileName).getBaseType().toString();
        return allowed.contains(decided) ? decided : null;
    }

    /** Tika's name hint: the name's type replaces the bytes' type when it is a specialisation of it. */
    private MediaType byName(MediaType base, String fileName) {
        if (fileName == null) {
            return base;
        }
        Metadata metadata = new Metadata();
        metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
        try {
            // With no bytes to read, Tika's answer is the type the name alone suggests (or octet-stream).
            MediaType hint = types.detect(null, metadata);
            return hint.equals(base) || registry.isSpecializationOf(hint, base) ? hint : base;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
