package dev.strongroom.backup;

import dev.strongroom.Stopping;
import dev.strongroom.audit.Auditor;
import dev.strongroom.audit.Outcome;
import dev.strongroom.aws.AwsConfig;
import dev.strongroom.aws.ReplicaRegion;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Checks, once the vault has started and every hour, that the primary bucket is set up as production
 * needs it: versioning Enabled, Object Lock on with a default retention, replication to the replica bucket in
 * another region, default encryption, public access blocked ({@link BucketPostureProbe} holds the
 * rules). Every finding is reported, not only the first; a non-compliant result is logged as an error
 * and audited, never passed over.
 */
@ApplicationScoped
public class BucketPostureCheck {

    private static final Logger LOG = Logger.getLogger(BucketPostureCheck.class);

    private final BucketPostureProbe probe;
    private final BackupConfig config;
    private final Auditor auditor;
    private volatile BucketPosture latest;

    public BucketPostureCheck(S3Client s3, @ReplicaRegion S3Client replicaS3, BackupConfig config, AwsConfig aws,
            Auditor auditor) {
        this.probe = new BucketPostureProbe(s3, replicaS3, aws.region());
        this.config = config;
        this.auditor = auditor;
    }

    /**
     * Runs once the vault has started (strongroom.startup.background-delay: its S3 calls would only
     * slow the start down) and then every posture-every.
     */
    @Scheduled(every = "{strongroom.backup.posture-every}", delayed = "{strongroom.startup.background-delay}",
            identity = "backup-posture",
            skipExecutionIf = Stopping.Skip.class)
    void scheduled() {
        if (config.bucket().filter(b -> !b.isBlank()).isPresent()) {
            check();
        }
    }

    public Optional<BucketPosture> latest() {
        return Optional.ofNullable(latest);
    }

    public BucketPosture check() {
        String bucket = config.bucket().orElseThrow();
        BucketPosture posture = probe.inspect(bucket, config.replicaBucket());
        latest = posture;
        Map<String, Boolean> checks = posture.checks();
        List<String> findings = posture.findings();
        if (posture.compliant()) {
            LOG.infof("Backup bucket %s posture: compliant (%s)", bucket, checks.keySet());
        } else {
            LOG.errorf("BACKUP BUCKET %s IS NOT COMPLIANT: %s", bucket, String.join("; ", findings));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("compliant", posture.compliant());
        detail.put("findings", String.join("; ", findings));
        auditor.record(BackupAction.POSTURE, "bucket/" + bucket, posture.compliant() ? Outcome.SUCCESS : Outcome.FAILURE,
                detail);
        return posture;
    }
}
