package dev.strongroom.catalog;

import dev.strongroom.audit.AuditAction;
import dev.strongroom.audit.recovery.AcknowledgedUploadAction;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells the journal's recovery that {@link DocumentAction#UPLOAD} is the event of an acknowledged upload. */
@ApplicationScoped
public class CatalogUploadAction implements AcknowledgedUploadAction {

    @Override
    public AuditAction action() {
        return DocumentAction.UPLOAD;
    }
}
