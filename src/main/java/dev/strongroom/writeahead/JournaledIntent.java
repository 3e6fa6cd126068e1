package dev.strongroom.writeahead;

import java.util.SortedMap;

/**
 * An intent as the journal holds it.
 *
 * @param id the intent event's id, which names the change everywhere (completion, catalog marker)
 * @param seq the intent event's sequence number in this host's journal
 */
public record JournaledIntent(String id, long seq, ChangeKind kind, String subject, SortedMap<String, String> facts) {

    /** A fact the intent must carry; a journal without it was not written by this code. */
    public String fact(String key) {
        String value = facts.get(key);
        if (value == null) {
            throw new IllegalStateException("intent " + seq + " (" + kind.action() + ") lacks '" + key + "'");
        }
        return value;
    }

    /** The id part of the subject: the document id of {@code document/<id>}, the name of {@code user/<name>}. */
    public String subjectId() {
        return subject.substring(subject.indexOf('/') + 1);
    }
}
