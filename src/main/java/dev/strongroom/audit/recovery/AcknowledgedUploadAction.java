package dev.strongroom.audit.recovery;

import dev.strongroom.audit.AuditAction;

/**
 * The audit action that acknowledges an upload. The catalog writes that event and names it here, so the
 * journal's recovery can find acknowledged uploads in a restored tail without depending on the catalog.
 */
public interface AcknowledgedUploadAction {

    AuditAction action();
}
