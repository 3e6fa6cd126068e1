package dev.strongroom.catalog;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    /** The texts of those documents that have one, by document id, in one query. */
    public static Map<String, String> of(Collection<String> documentIds) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        List<Object[]> rows = Document.getEntityManager()
                .createNativeQuery("select document_id, body from document_text where document_id in (:ids)",
                        Object[].class)
                .setParameter("ids", documentIds).getResultList();
        Map<String, String> texts = new HashMap<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                texts.put((String) row[0], text((String) row[0], row[1]));
            }
        }
        return texts;
    }

    private static String text(String documentId, Object body) {
        if (body instanceof java.sql.Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException("the text of document " + documentId + " cannot be read", e);
            }
        }
        return body.toString();
    }
}
