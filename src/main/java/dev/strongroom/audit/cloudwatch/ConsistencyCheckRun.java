package dev.strongroom.audit.cloudwatch;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A consistency check as recorded for the compliance report. */
@Entity
@Table(name = "cloudwatch_check")
public class ConsistencyCheckRun extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "checked_at")
    public Instant checkedAt;
    @Column(name = "trigger_kind")
    public String trigger;
    @Column(name = "triggered_by")
    public String triggeredBy;
    @Column(name = "range_from")
    public Instant rangeFrom;
    @Column(name = "range_to")
    public Instant rangeTo;
    @Column(name = "log_group")
    public String logGroup;
    @Column(name = "log_stream")
    public String logStream;
    @Column(name = "first_seq")
    public Long firstSeq;
    @Column(name = "last_seq")
    public Long lastSeq;
    @Column(name = "journal_events")
    public long journalEvents;
    @Column(name = "cloudwatch_events")
    public long cloudWatchEvents;
    public long duplicates;
    @Column(name = "not_yet_shipped")
    public long notYetShipped;
    public boolean ok;
    @Column(name = "finding_count")
    public int findingCount;
    /** The listed findings as JSON. */
    public String findings;
}
