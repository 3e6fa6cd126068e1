package dev.strongroom.catalog;

import java.util.Optional;

/**
 * The whole text extracted from each document ({@code document_text}), which the search index reads;
 * the sidecar keeps only an excerpt. Plain SQL, since the column is a large text ({@code CLOB} on H2,
 * {@code text} on PostgreSQL). Callers run inside a transaction.
 */
public final class DocumentTexts {

    private DocumentTexts() {
    }

    /** Replaces the document's text; null removes it. */
    public static void replace(String documentId, String text) {
        var em = Document.getEntityManager();
        em.createNativeQuery("delete from document_text where document_id = ?1").setParameter(1, documentId)
                .executeUpdate();
        if (text != null && !text.isBlank()) {
            em.createNativeQuery("insert into document_text (document_id, body) values (?1, ?2)")
                    .setParameter(1, documentId).setParameter(2, text).executeUpdate();
        }
    }

    public static Optional<String> of(String documentId) {
        Object body = Document.getEntityManager()
                .createNativeQuery("select body from document_text where document_id = ?1")
                .setParameter(1, documentId).getResultStream().findFirst().orElse(null);
        if (body == null) {
            return Optional.empty();
        }
        if (body instanceof java.sql.Clob clob) {
            try {
                return Optional.of(clob.getSubString(1, (int) clob.length()));
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("the text of document " + documentId + " cannot be read", e);
            }
        }
        return Optional.of(body.toString());
    }
}
