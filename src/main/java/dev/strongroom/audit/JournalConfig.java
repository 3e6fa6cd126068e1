package dev.strongroom.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The audit journal's safety margins and start-up verification; read by {@link AuditJournal},
 * {@link JournalReserve} and {@link StartupVerification}.
 */
@ConfigMapping(prefix = "strongroom.audit.journal")
public interface JournalConfig {

    /**
     * Space kept in reserve on the data volume for audit lines (a preallocated file the journal gives
     * back piece by piece when the volume is full), so that an event is always written whole, even
     * after writes were refused with 507. Env: STRONGROOM_AUDIT_JOURNAL_RESERVE_BYTES.
     */
    @WithDefault("8388608")
    long reserveBytes();

    /**
     * How long the start waits for the remote anchors (the newest digest and the journal segments in
     * S3, the CloudWatch stream); an anchor not read by then is reported as unchecked and read again by
     * the next re-check. Env: STRONGROOM_AUDIT_JOURNAL_REMOTE_ANCHOR_TIMEOUT.
     */
    @WithDefault("PT15S")
    Duration remoteAnchorTimeout();

    /**
     * After each start, verify the whole journal and every index row in the background (the start
     * itself verifies only what follows the signed checkpoint). Env: STRONGROOM_AUDIT_JOURNAL_FULL_VERIFY_AFTER_START.
     */
    @WithDefault("true")
    boolean fullVerifyAfterStart();
}
