package dev.strongroom.metadata.extract;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Stops a parse from the inside, at the deadline or past the page limit. Parsers call their content
 * handler all the time, so this is where a runaway parse notices; the thread waiting for the result
 * also flips {@link #stop()} when it gives up. Some parsers (PDF) catch a failing page and go on with
 * the next one, so the first limit hit is remembered and reported even if the parse "succeeds".
 */
final class ParseGuard extends ContentHandlerDecorator {

    private final long deadlineNanos;
    private final int maxPages;
    private final Metadata metadata;
    private volatile boolean stopped;
    private volatile LimitExceeded tripped;
    private int pages;

    ParseGuard(ContentHandler handler, long deadlineNanos, int maxPages, Metadata metadata) {
        super(handler);
        this.deadlineNanos = deadlineNanos;
        this.maxPages = maxPages;
        this.metadata = metadata;
    }

    /** Called by the thread that stopped waiting: the next callback ends the parse. */
    void stop() {
        stopped = true;
    }

    /** The first limit this guard enforced, or null. */
    LimitExceeded tripped() {
        return tripped;
    }

    void checkTime() throws LimitExceeded {
        if (stopped || System.nanoTime() - deadlineNanos > 0 || Thread.currentThread().isInterrupted()) {
            throw trip(new LimitExceeded(Reason.TIMEOUT, "the extraction did not finish within its time limit"));
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
        checkTime();
        if ("div".equals(localName) && "page".equals(atts.getValue("class"))) {
            pages++;
            // PDFs declare their page count before the first page, so a 10,000-page file stops at page one.
            Integer declared = metadata.getInt(PagedText.N_PAGES);
            int known = Math.max(pages, declared == null ? 0 : declared);
            if (known > maxPages) {
                throw trip(new LimitExceeded(Reason.TOO_MANY_PAGES,
                        "the document has " + (declared != null && declared > pages ? declared : "more than " + maxPages)
                                + " pages; the limit is " + maxPages));
            }
        }
        super.startElement(uri, localName, qName, atts);
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        checkTime();
        super.characters(ch, start, length);
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        checkTime();
        super.ignorableWhitespace(ch, start, length);
    }

    private LimitExceeded trip(LimitExceeded e) {
        if (tripped == null) {
            tripped = e;
        }
        return tripped;
    }
}
