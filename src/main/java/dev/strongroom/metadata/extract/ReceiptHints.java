package dev.strongroom.metadata.extract;

import java.util.Locale;

/**
 * What the uploader and the document's own metadata say about it, besides its text: the retention class
 * the uploader chose ({@code receipt}, {@code invoice}...), the file name, the title (an e-mail's
 * subject), the author (an e-mail's sender) and the detected type. Any of them may be null.
 */
record ReceiptHints(String retentionClass, String fileName, String title, String author, String detectedType) {

    static final ReceiptHints NONE = new ReceiptHints(null, null, null, null, null);

    /** The uploader filed it as a receipt or invoice. */
    boolean filedAsReceipt() {
        return retentionClass != null
                && ReceiptVocabulary.FILED_AS_RECEIPT.contains(retentionClass.toLowerCase(Locale.ROOT));
    }

    /** Its name or title calls it a receipt or invoice. */
    boolean namedAsReceipt() {
        return (fileName != null && ReceiptVocabulary.KIND.matcher(fileName.replace('_', ' ').replace('-', ' ')).find())
                || (title != null && ReceiptVocabulary.KIND.matcher(title).find());
    }

    boolean mail() {
        return detectedType != null && detectedType.startsWith("message/");
    }

    ReceiptHints withRetentionClass(String retention) {
        return new ReceiptHints(retention, fileName, title, author, detectedType);
    }
}
