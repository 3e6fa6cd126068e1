package dev.strongroom.audit;

/**
 * Work that must be done on the journal's files before the journal opens and reads its head, such
 * as appending the tail of a volume restored from a snapshot. The journal opens on its first use,
 * which can be a scheduled job racing the start-up observers; running preparations inside the
 * opening makes every user wait for them.
 */
public interface JournalPreparation {

    void prepare(JournalSegments segments);
}
