package dev.strongroom.compliance.drill;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import dev.strongroom.jobs.JobState;
import dev.strongroom.jobs.JobStateConverter;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One drill as persisted; counters are final once the state is not running. */
@Entity
@Table(name = "restore_drill")
public class RestoreDrill extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "trigger_kind")
    public String trigger;
    @Column(name = "triggered_by")
    public String triggeredBy;
    @Convert(converter = DrillStateConverter.class)
    public DrillState state;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public int population;
    @Column(name = "sample_size")
    public int sampleSize;
    public int passed;
    public int failed;
    public long bytes;
    @Column(name = "replica_bucket")
    public String replicaBucket;
    @Column(name = "replica_checked")
    public boolean replicaChecked;
    @Column(name = "replica_note")
    public String replicaNote;
    @Column(name = "reconcile_id")
    public String reconcileId;
    @Column(name = "reconcile_state")
    @Convert(converter = JobStateConverter.class)
    public JobState reconcileState;
    @Column(name = "reconcile_summary")
    public String reconcileSummary;
    public String error;
    /** The host that runs it; null on rows from before hosts were recorded. */
    @Column(name = "host_id", updatable = false)
    public String hostId;
}
