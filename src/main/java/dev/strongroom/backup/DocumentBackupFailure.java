package dev.strongroom.backup;

/** One document could not be confirmed in S3; the run goes on with the others and the document stays pending. */
public class DocumentBackupFailure extends RuntimeException {

    private final String documentId;

    public DocumentBackupFailure(String documentId, String message) {
        super(message);
        this.documentId = documentId;
    }

    public DocumentBackupFailure(String documentId, String message, Throwable cause) {
        super(message, cause);
        this.documentId = documentId;
    }

    public String documentId() {
        return documentId;
    }
}
