package dev.strongroom.backup;

import dev.strongroom.audit.Auditor;
import dev.strongroom.aws.AwsConfig;
import dev.strongroom.aws.ReplicaRegion;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.PublicAccessBlockConfiguration;
import software.amazon.awssdk.services.s3.model.ReplicationRule;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Checks, at start and every hour, that the primary bucket is set up as production needs it:
 * versioning Enabled, Object Lock on with a default retention, replication to the replica bucket in
 * another region, default encryption, public access blocked. Every finding is reported, not only
 * the first; a non-compliant result is logged as an error and audited, never passed over.
 */
@ApplicationScoped
public class BucketPostureCheck {

    private static final Logger LOG = Logger.getLogger(BucketPostureCheck.class);

    private final S3Client s3;
    private final S3Client replicaS3;
    private final BackupConfig config;
    private final AwsConfig aws;
    private final Auditor auditor;
    private volatile BucketPosture latest;

    public BucketPostureCheck(S3Client s3, @ReplicaRegion S3Client replicaS3, BackupConfig config, AwsConfig aws,
            Auditor auditor) {
        this.s3 = s3;
        this.replicaS3 = replicaS3;
        this.config = config;
        this.aws = aws;
        this.auditor = auditor;
    }

    /** Runs right after start (first execution of an "every" schedule) and then every posture-every. */
    @Scheduled(every = "{strongroom.backup.posture-every}", identity = "backup-posture")
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
        Map<String, Boolean> checks = new LinkedHashMap<>();
        List<String> findings = new ArrayList<>();

        probe(checks, findings, "versioning", () -> {
            BucketVersioningStatus status = s3.getBucketVersioning(b -> b.bucket(bucket)).status();
            return status == BucketVersioningStatus.ENABLED ? null
                    : "versioning is " + (status == null ? "off" : status) + ", not Enabled: overwritten or deleted "
                            + "backups cannot be recovered";
        });
        probe(checks, findings, "objectLock", () -> {
            ObjectLockConfiguration lock = s3.getObjectLockConfiguration(b -> b.bucket(bucket))
                    .objectLockConfiguration();
            if (lock == null || lock.objectLockEnabled() != ObjectLockEnabled.ENABLED) {
                return "Object Lock is not enabled: backups can be deleted before their retention ends";
            }
            if (lock.rule() == null || lock.rule().defaultRetention() == null) {
                return "Object Lock has no default retention: manifests, catalog exports and journal segments are "
                        + "not protected";
            }
            return null;
        });
        probe(checks, findings, "replication", () -> {
            List<ReplicationRule> rules = s3.getBucketReplication(b -> b.bucket(bucket)).replicationConfiguration()
                    .rules();
            String expected = config.replicaBucket().orElse(null);
            boolean toReplica = rules.stream().anyMatch(r -> r.status() == ReplicationRuleStatus.ENABLED
                    && (expected == null || r.destination().bucket().endsWith(":" + expected)
                            || r.destination().bucket().equals(expected)));
            if (!toReplica) {
                return "no enabled replication rule to " + (expected == null ? "a replica bucket" : expected);
            }
            if (expected == null) {
                return "strongroom.backup.replica-bucket is not set, so the replica cannot be checked";
            }
            String region = replicaS3.getBucketLocation(b -> b.bucket(expected)).locationConstraintAsString();
            String replicaRegion = region == null || region.isEmpty() ? "us-east-1" : region;
            if (replicaRegion.equals(aws.region())) {
                return "the replica bucket " + expected + " is in " + replicaRegion
                        + ", the same region as the primary: it does not survive a regional outage";
            }
            return null;
        });
        probe(checks, findings, "encryption", () -> {
            var rules = s3.getBucketEncryption(b -> b.bucket(bucket)).serverSideEncryptionConfiguration().rules();
            return rules.isEmpty() ? "no default encryption" : null;
        });
        probe(checks, findings, "publicAccessBlocked", () -> {
            PublicAccessBlockConfiguration block = s3.getPublicAccessBlock(b -> b.bucket(bucket))
                    .publicAccessBlockConfiguration();
            boolean all = Boolean.TRUE.equals(block.blockPublicAcls()) && Boolean.TRUE.equals(block.ignorePublicAcls())
                    && Boolean.TRUE.equals(block.blockPublicPolicy())
                    && Boolean.TRUE.equals(block.restrictPublicBuckets());
            return all ? null : "public access is not fully blocked";
        });

        BucketPosture posture = new BucketPosture(bucket, findings.isEmpty(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS), checks, List.copyOf(findings));
        latest = posture;
        if (posture.compliant()) {
            LOG.infof("Backup bucket %s posture: compliant (%s)", bucket, checks.keySet());
        } else {
            LOG.errorf("BACKUP BUCKET %s IS NOT COMPLIANT: %s", bucket, String.join("; ", findings));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("compliant", posture.compliant());
        detail.put("findings", String.join("; ", findings));
        auditor.record("backup.posture", "bucket/" + bucket, posture.compliant() ? Auditor.SUCCESS : Auditor.FAILURE,
                detail);
        return posture;
    }

    private static void probe(Map<String, Boolean> checks, List<String> findings, String name,
            Supplier<String> finding) {
        String problem;
        try {
            problem = finding.get();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? String.valueOf(e.statusCode()) : e.awsErrorDetails().errorCode();
            problem = name + ": " + describe(code);
        } catch (SdkException e) {
            problem = name + ": the bucket could not be reached (" + e.getMessage() + ")";
        }
        checks.put(name, problem == null);
        if (problem != null) {
            findings.add(problem);
        }
    }

    private static String describe(String code) {
        return switch (code) {
            case "ObjectLockConfigurationNotFoundError" -> "Object Lock is not enabled";
            case "ReplicationConfigurationNotFoundError" -> "no replication configuration";
            case "ServerSideEncryptionConfigurationNotFoundError" -> "no default encryption";
            case "NoSuchPublicAccessBlockConfiguration" -> "no public access block";
            case "NoSuchBucket" -> "the bucket does not exist";
            default -> "S3 answered " + code;
        };
    }
}
