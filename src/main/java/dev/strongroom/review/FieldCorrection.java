package dev.strongroom.review;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One field of one correction (V23): who set it to what, from what, when and why. Never updated but for {@link #completed}. */
@Entity
@Table(name = "field_correction")
public class FieldCorrection extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "correction_id", updatable = false)
    public String correctionId;
    @Column(name = "document_id", updatable = false)
    public String documentId;
    @Column(updatable = false)
    public String field;
    @Column(name = "old_value", updatable = false)
    public String oldValue;
    @Column(name = "new_value", updatable = false)
    public String newValue;
    @Column(name = "corrected_by", updatable = false)
    public String correctedBy;
    @Column(name = "corrected_at", updatable = false)
    public Instant correctedAt;
    @Column(updatable = false)
    public String reason;
    /** The completion (metadata.correct) is journaled and indexed. */
    public boolean completed;

    /** The fields of this document a person has corrected or confirmed; runs in the caller's transaction. */
    static java.util.Set<String> correctedFields(String documentId) {
        return new java.util.HashSet<>(getEntityManager().createQuery(
                "select c.field from FieldCorrection c where c.documentId = :id", String.class)
                .setParameter("id", documentId).getResultList());
    }
}
