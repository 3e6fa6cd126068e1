package dev.strongroom.writeahead;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The catalog's record that a change committed, written in the change's own transaction. The
 * start-up replay asks it whether an intent the journal holds without a completion took effect.
 */
@Entity
@Table(name = "applied_change")
public class AppliedChange extends PanacheEntityBase {

    @Id
    @Column(name = "intent_id", updatable = false)
    public String intentId;
    @Column(name = "intent_seq", updatable = false)
    public long intentSeq;
    @Column(updatable = false)
    public String action;
    @Column(updatable = false)
    public String subject;
    @Column(name = "committed_at", updatable = false)
    public Instant committedAt;

    static AppliedChange of(JournaledIntent intent) {
        AppliedChange row = new AppliedChange();
        row.intentId = intent.id();
        row.intentSeq = intent.seq();
        row.action = intent.kind().action();
        row.subject = intent.subject();
        row.committedAt = Instant.now();
        return row;
    }
}
