package dev.strongroom.compliance;

import dev.strongroom.jobs.JobState;
import dev.strongroom.jobs.JobStateConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One compliance report as persisted: its period, verdict, where its files are and their SHA-256. */
@Entity
@Table(name = "compliance_report")
public class ReportRecord extends PanacheEntityBase {

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
    @Column(name = "period_from")
    public Instant periodFrom;
    @Column(name = "period_to")
    public Instant periodTo;
    public String overall;
    public int passed;
    public int failed;
    @Column(name = "not_configured")
    public int notConfigured;
    /** The report's folder relative to the reports directory, e.g. 2026-11-22. */
    public String folder;
    @Column(name = "json_sha256")
    public String jsonSha256;
    @Column(name = "csv_sha256")
    public String csvSha256;
    @Column(name = "html_sha256")
    public String htmlSha256;
    @Column(name = "pdf_sha256")
    public String pdfSha256;
    @Column(name = "uploaded_prefix")
    public String uploadedPrefix;
    @Column(name = "upload_note")
    public String uploadNote;
    public String error;
    /** The host that runs it; null on rows from before hosts were recorded. */
    @Column(name = "host_id", updatable = false)
    public String hostId;
    /** Every document S3 confirmed before this had its checksum checked ({@link ComplianceReport.ChecksumScope}). */
    @Column(name = "coverage_through")
    public Instant coverageThrough;
}
