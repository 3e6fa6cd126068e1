package dev.strongroom.catalog;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Whether S3 holds a document's bytes. The name is the word in {@code document.backup_state}, in the
 * API and in catalog exports.
 */
public enum BackupState {
    /** Not confirmed in S3 yet: new, or sent back by a spot check that found the version gone. */
    PENDING,
    /**
     * S3 confirmed the bytes' SHA-256 and keeps them under Object Lock; {@link Document#backupVersionId}
     * names the version.
     */
    BACKED_UP;

    private static final Set<BackupState> UNCONFIRMED = Collections.unmodifiableSet(EnumSet.complementOf(
            EnumSet.of(BACKED_UP)));

    /**
     * The states S3 has not confirmed, for {@code backup_state in (...)}: the (backup_state, uploaded_at) index
     * serves that list, where {@code <> 'BACKED_UP'} read every document to count the few that wait.
     */
    public static Set<BackupState> unconfirmed() {
        return UNCONFIRMED;
    }
}
