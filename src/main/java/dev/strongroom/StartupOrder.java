package dev.strongroom;

import jakarta.interceptor.Interceptor;

/**
 * The order in which the vault's start-up steps run: every observer of Quarkus's {@code StartupEvent}
 * names one of these with {@code @Observes @Priority(StartupOrder.X) StartupEvent} (lower runs first),
 * so the whole sequence reads here instead of from numbers scattered over the packages. Steps that share
 * a value do not depend on one another, and CDI runs them in no fixed order. {@code ArchitectureTest}
 * holds that no observer uses a bare number.
 */
public final class StartupOrder {

    /** The data directory made private to the vault's user, before any capability writes to it. */
    public static final int DATA_DIRECTORY = 1;
    /** The stop flag armed: from here on a shutdown is a graceful stop. */
    public static final int STOP_FLAG = 1;
    /** The vault's and this host's ids read, or generated into the data directory once it is private. */
    public static final int VAULT_IDENTITY = 2;
    /** Temp files of uploads a crash interrupted are deleted; none was ever acknowledged. */
    public static final int BLOB_TEMP_FILES = 5;
    /** The journal opened and the audit index caught up with it, before anything reads the index. */
    public static final int JOURNAL_CATCH_UP = 10;
    /** A catalog restored from S3 is imported, once the journal is open. */
    public static final int CATALOG_IMPORT = 12;
    /**
     * Documents the import brought back get the searchable columns their sidecars fill, before corrections are
     * replayed over them.
     */
    public static final int SIDECAR_COLUMNS = 13;
    /** Uploads a stop interrupted are recovered from the journal. */
    public static final int UPLOAD_RECOVERY = 15;
    /** Written-ahead changes (edits, corrections, user and retention changes) left unfinished are finished. */
    public static final int CHANGE_REPLAY = 16;
    /** A journal tail replayed after a snapshot restore is audited, once upload rows are recovered from it. */
    public static final int JOURNAL_TAIL_REPORT = 16;
    /** The signing key loaded, so that a missing key is said at once. */
    public static final int KEY_CUSTODY = 17;
    /** Statement match decisions a stop interrupted are finished. */
    public static final int MATCH_DECISIONS = 17;
    /** Key rotations a stop interrupted are finished, once custody has loaded the key. */
    public static final int KEY_ROTATION = 18;
    /** The first admin created, once every unfinished change is replayed. */
    public static final int FIRST_ADMIN = 20;
    /** Jobs a stop left "running" that the rest of start-up must not see running (backup runs) are closed. */
    public static final int BACKUP_RUNS = 30;
    /** The journal's shipping to CloudWatch Logs starts. */
    public static final int AUDIT_SHIPPING = 50;
    /** The journal's full verification starts in the background. */
    public static final int JOURNAL_VERIFICATION = 60;
    /**
     * Background work that needs everything above (search indexing, the SQS runner, interrupted drills
     * and reports, a restored tail's recovery): CDI's default priority for observers, which these steps
     * had before the order was written down.
     */
    public static final int BACKGROUND = Interceptor.Priority.APPLICATION + 500;

    private StartupOrder() {
    }
}
