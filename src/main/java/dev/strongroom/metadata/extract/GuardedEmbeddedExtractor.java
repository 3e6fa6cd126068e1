package dev.strongroom.metadata.extract;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.io.input.CloseShieldInputStream;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses embedded documents (attachments, embedded files and images) within the limits: at most
 * {@code max} of them (the rest are counted, not opened), none larger than {@code maxBytes}, and
 * each one that is itself a zip checked for a zip bomb first, since a bomb inside a DOCX would
 * otherwise reach the parser unchecked. A bomb found here makes the whole document unparseable;
 * because container parsers often swallow an embedded document's failure, it is also remembered.
 */
final class GuardedEmbeddedExtractor extends ParsingEmbeddedDocumentExtractor {

    private final int max;
    private final int maxBytes;
    private final ZipBombCheck zipBombs;
    private final long deadlineNanos;
    private int seen;
    private boolean skipped;
    private volatile LimitExceeded tripped;

    GuardedEmbeddedExtractor(ParseContext context, int max, long maxBytes, ZipBombCheck zipBombs, long deadlineNanos) {
        super(context);
        this.max = max;
        this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 1, maxBytes);
        this.zipBombs = zipBombs;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public boolean shouldParseEmbedded(Metadata metadata) {
        seen++;
        if (seen > max) {
            skipped = true;
            return false;
        }
        return super.shouldParseEmbedded(metadata);
    }

    @Override
    public void parseEmbedded(InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
            throws SAXException, IOException {
        try (TemporaryResources tmp = new TemporaryResources()) {
            TikaInputStream tis = TikaInputStream.get(CloseShieldInputStream.wrap(stream), tmp, metadata);
            Path spooled = tis.getPath(maxBytes);
            if (spooled == null) {
                skipped = true;
                return;
            }
            try {
                zipBombs.check(spooled, deadlineNanos);
            } catch (LimitExceeded e) {
                if (tripped == null) {
                    tripped = e;
                }
                throw e;
            }
            super.parseEmbedded(tis, handler, metadata, outputHtml);
        }
    }

    int seen() {
        return seen;
    }

    /** True when some embedded documents were counted but not parsed (too many, or too large). */
    boolean limitReached() {
        return skipped;
    }

    LimitExceeded tripped() {
        return tripped;
    }
}
