package dev.strongroom.metadata.extract;

import java.util.Set;
import org.apache.tika.sax.ContentHandlerDecorator;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Ends every block element (paragraph, heading, cell, list item...) with a line break in the text.
 * Some parsers (OpenDocument among them) emit adjacent blocks with nothing between them, which would
 * glue the last word of a heading to the first of the next paragraph and skew the word count.
 */
final class BlockBreaks extends ContentHandlerDecorator {

    private static final Set<String> BLOCKS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "div", "li", "td", "th",
            "tr", "br", "pre", "blockquote", "title");
    private static final char[] NEWLINE = { '\n' };

    BlockBreaks(ContentHandler handler) {
        super(handler);
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        super.endElement(uri, localName, qName);
        if (BLOCKS.contains(localName)) {
            super.ignorableWhitespace(NEWLINE, 0, 1);
        }
    }
}
