package dev.strongroom.backup;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
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
 * The posture rules themselves: versioning Enabled, Object Lock on with a default retention,
 * replication to the replica bucket in another region, default encryption, public access blocked.
 * Free of CDI, so the deployment tests judge the bucket CloudFormation creates by exactly these
 * rules; {@link BucketPostureCheck} runs them on schedule, logs and audits the result.
 */
public final class BucketPostureProbe {

    private final S3Client s3;
    private final S3Client replicaS3;
    private final String primaryRegion;

    /**
     * @param replicaS3 a client for the replica bucket's region
     * @param primaryRegion the primary bucket's region, which the replica's must differ from
     */
    public BucketPostureProbe(S3Client s3, S3Client replicaS3, String primaryRegion) {
        this.s3 = s3;
        this.replicaS3 = replicaS3;
        this.primaryRegion = primaryRegion;
    }

    /** Every finding about the bucket, not only the first. */
    public BucketPosture inspect(String bucket, Optional<String> replicaBucket) {
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
            String expected = replicaBucket.orElse(null);
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
            if (replicaRegion.equals(primaryRegion)) {
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

        return new BucketPosture(bucket, findings.isEmpty(), Instant.now().truncatedTo(ChronoUnit.SECONDS), checks,
                List.copyOf(findings));
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
