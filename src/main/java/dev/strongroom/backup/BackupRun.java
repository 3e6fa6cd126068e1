package dev.strongroom.backup;

import dev.strongroom.jobs.JobState;
import dev.strongroom.jobs.JobStateConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One backup run as persisted; live counters of a running run are in {@link RunProgress}. */
@Entity
@Table(name = "backup_run")
public class BackupRun extends PanacheEntityBase {

    @Id
    public String id;
    @Column(name = "trigger_kind")
    public String trigger;
    @Column(name = "triggered_by")
    public String triggeredBy;
    @Convert(converter = JobStateConverter.class)
    public JobState state;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    public int planned;
    public int documents;
    public int adopted;
    public int failed;
    public long bytes;
    @Column(name = "manifest_key")
    public String manifestKey;
    @Column(name = "manifest_sha256")
    public String manifestSha256;
    public String error;
    /** What its manifest refers to besides documents and journal ({@link RunObjects}, JSON); null without one. */
    @Column(name = "objects_json")
    public String objectsJson;
    /** The host that runs it; null on rows from before hosts were recorded. */
    @Column(name = "host_id", updatable = false)
    public String hostId;
}
