package dev.strongroom.metadata.extract;

import java.nio.channels.ClosedByInterruptException;
import java.util.Locale;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.ZeroByteFileException;

/**
 * Names what went wrong in a parse. Tika wraps parser failures in its own exceptions (often several
 * layers deep), so this walks the cause chain and looks for the first thing it recognises: our own
 * limits, encryption, POI's and Tika's zip-bomb checks, the JDK's XML entity limits.
 */
final class Failures {

    private static final int DETAIL_CHARS = 300;

    private Failures() {
    }

    record Failure(Reason reason, String detail) {
    }

    /** Null when nothing failed. */
    static Failure classify(Throwable thrown, LimitExceeded tripped) {
        if (tripped != null) {
            // The guard fired even if the parser swallowed its exception and carried on.
            return new Failure(tripped.reason(), tripped.getMessage());
        }
        if (thrown == null) {
            return null;
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (t instanceof LimitExceeded limit) {
                return new Failure(limit.reason(), limit.getMessage());
            }
            if (t instanceof ZeroByteFileException) {
                return new Failure(Reason.EMPTY, "the document has no bytes");
            }
            if (t instanceof EncryptedDocumentException || t instanceof org.apache.poi.EncryptedDocumentException
                    || t instanceof org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException) {
                return new Failure(Reason.ENCRYPTED, "the document is encrypted or password protected");
            }
            if (message.contains("zip bomb") && (message.contains("nesting") || message.contains("levels of"))) {
                return new Failure(Reason.NESTED_TOO_DEEP, clip(t.getMessage()));
            }
            if (message.contains("zip bomb")) {
                return new Failure(Reason.ZIP_BOMB, clip(t.getMessage()));
            }
            if (message.contains("entity expansion") || message.contains("entityexpansion")
                    || message.contains("jaxp00010001") || message.contains("jaxp00010004")
                    || message.contains("doctype is disallowed")) {
                return new Failure(Reason.XML_BOMB, "the secure XML parser refused entity declarations or expansions "
                        + "(billion-laughs style XML bomb): " + clip(t.getMessage()));
            }
            if (t instanceof OutOfMemoryError) {
                return new Failure(Reason.OUT_OF_MEMORY, "the parse ran out of memory");
            }
            if (t instanceof StackOverflowError) {
                return new Failure(Reason.NESTED_TOO_DEEP, "the document's structure is nested too deeply to parse");
            }
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException) {
                return new Failure(Reason.TIMEOUT, "the extraction did not finish within its time limit");
            }
        }
        return new Failure(Reason.CORRUPT, "the document could not be parsed: " + clip(innermost(thrown)));
    }

    private static String innermost(Throwable thrown) {
        Throwable t = thrown;
        String message = t.toString();
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        return message;
    }

    static String clip(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= DETAIL_CHARS ? oneLine : oneLine.substring(0, DETAIL_CHARS - 1) + "…";
    }
}
