package dev.strongroom.metadata.extract;

import org.xml.sax.SAXException;

/**
 * Thrown from inside a parse (through the content handler) to stop it. A SAX exception because that
 * is what every Tika parser lets through from its handler; parsers that wrap it keep it as the cause.
 */
final class LimitExceeded extends SAXException {

    private final transient Reason reason;

    LimitExceeded(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
