package dev.strongroom.restore;

import dev.strongroom.aws.AwsSettings;
import dev.strongroom.aws.S3ClientFactory;
import dev.strongroom.aws.SdkClientTuning;
import dev.strongroom.keys.KeyRestore;
import dev.strongroom.storage.BackupTarget;
import dev.strongroom.storage.S3BackupTarget;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Restores an empty data directory from the S3 backup, with no vault running (deploy/restore-from-s3.sh
 * runs it from the packaged application). Options override the vault's environment variables:
 * <pre>
 *   --data-dir DIR        STRONGROOM_DATA_DIR (default ./data); must be empty or absent
 *   --from primary|replica  which bucket (default primary)
 *   --bucket NAME         STRONGROOM_BACKUP_BUCKET, or STRONGROOM_BACKUP_REPLICA_BUCKET with --from replica
 *   --region REGION       STRONGROOM_AWS_REGION, or STRONGROOM_BACKUP_REPLICA_REGION with --from replica
 *   --host HOST_ID        STRONGROOM_VAULT_HOST_ID: the host whose chain to restore (the bucket holds one per
 *                         host); by default the claim's only host, or the bucket's only chain
 *   --run RUN_ID          restore as of this run of that host instead of its newest
 *   --endpoint URL        STRONGROOM_AWS_ENDPOINT (a local emulator)
 *   --parallelism N       concurrent downloads (default 4)
 *   --other-bucket NAME   the other bucket of the pair, asked for what the first cannot give: by default
 *                         STRONGROOM_BACKUP_REPLICA_BUCKET (or STRONGROOM_BACKUP_BUCKET with --from replica);
 *                         "none" asks no other bucket
 *   --other-region REGION its region: STRONGROOM_BACKUP_REPLICA_REGION (or STRONGROOM_AWS_REGION)
 *   --key-passphrase-file FILE  STRONGROOM_KEYS_PASSPHRASE_FILE: opens a signing key backed up under a passphrase
 *   --kms-region REGION   where the KMS key that sealed the signing key lives (default the primary region,
 *                         STRONGROOM_AWS_REGION, also with --from replica)
 * </pre>
 * It ends with a verdict ({@link RestoreVerdict}) naming every document and audit event not brought
 * back and where each may still be found. The signing key comes back with the rest (docs/keys.md): a
 * restore that cannot bring it back is incomplete, since the vault would then refuse to sign.
 * Exit status: 0 all restored, the signing key too, and the audit chain verifies; 2 something is
 * missing (the verdict names it) or the signing key did not come back; 1 nothing usable was restored
 * (bad arguments, no backup, broken manifest chain).
 */
public final class RestoreCommand {

    private RestoreCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                System.err.println("restore: unexpected argument '" + args[i] + "'; see RestoreCommand's options");
                return 1;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        for (String key : options.keySet()) {
            if (!List.of("data-dir", "from", "bucket", "region", "host", "run", "endpoint", "parallelism", "other-bucket",
                    "other-region", "key-passphrase-file", "kms-region").contains(key)) {
                System.err.println("restore: unknown option --" + key);
                return 1;
            }
        }
        boolean replica = "replica".equals(options.getOrDefault("from", "primary"));
        if (!replica && !"primary".equals(options.getOrDefault("from", "primary"))) {
            System.err.println("restore: --from must be primary or replica");
            return 1;
        }
        String bucket = option(options, "bucket", replica ? "STRONGROOM_BACKUP_REPLICA_BUCKET" : "STRONGROOM_BACKUP_BUCKET",
                null);
        String region = option(options, "region", replica ? "STRONGROOM_BACKUP_REPLICA_REGION" : "STRONGROOM_AWS_REGION",
                "eu-central-1");
        Path dataDir = Path.of(option(options, "data-dir", "STRONGROOM_DATA_DIR", "./data"));
        if (bucket == null || bucket.isBlank()) {
            System.err.println("restore: no bucket: pass --bucket or set "
                    + (replica ? "STRONGROOM_BACKUP_REPLICA_BUCKET" : "STRONGROOM_BACKUP_BUCKET"));
            return 1;
        }
        AwsSettings settings = AwsSettings.fromEnvironment();
        if (options.containsKey("endpoint")) {
            settings = settings.withEndpoint(options.get("endpoint"));
        }
        String otherBucket = option(options, "other-bucket", replica ? "STRONGROOM_BACKUP_BUCKET"
                : "STRONGROOM_BACKUP_REPLICA_BUCKET", null);
        String otherRegion = option(options, "other-region", replica ? "STRONGROOM_AWS_REGION"
                : "STRONGROOM_BACKUP_REPLICA_REGION", region);
        boolean askOther = otherBucket != null && !"none".equals(otherBucket) && !otherBucket.equals(bucket);
        String logGroup = Optional.ofNullable(System.getenv("STRONGROOM_AUDIT_CLOUDWATCH_LOG_GROUP"))
                .filter(g -> !g.isBlank()).orElse("/strongroom/audit");
        String kmsRegion = option(options, "kms-region", "STRONGROOM_AWS_REGION", "eu-central-1");
        KmsClient[] kms = new KmsClient[1];
        AwsSettings kmsSettings = settings;
        try (S3Client s3 = S3ClientFactory.create(settings, region);
                S3Client otherS3 = askOther ? S3ClientFactory.create(settings, otherRegion) : null) {
            // Each bucket is read through the storage contract, as a target of its own region.
            BackupTarget source = S3BackupTarget.forBucket(s3, bucket);
            S3Restore.Buckets buckets = new S3Restore.Buckets(replica ? CopySource.REPLICA_BUCKET
                    : CopySource.PRIMARY_BUCKET, askOther ? Optional.of(new S3Restore.OtherBucket(
                            S3BackupTarget.forBucket(otherS3, otherBucket), otherRegion,
                            replica ? CopySource.PRIMARY_BUCKET : CopySource.REPLICA_BUCKET)) : Optional.empty(),
                    logGroup);
            RestoreReport report = new S3Restore(source, region, dataDir,
                    Integer.parseInt(options.getOrDefault("parallelism", "4")), System.out, buckets)
                    .run(Optional.ofNullable(options.get("run")),
                            Optional.ofNullable(option(options, "host", "STRONGROOM_VAULT_HOST_ID", null)));
            boolean keyRestored = KeyRestore.restoreForCommand(source, () -> {
                if (kms[0] == null) {
                    kms[0] = SdkClientTuning.apply(KmsClient.builder(), kmsSettings, kmsRegion).build();
                }
                return kms[0];
            }, Optional.ofNullable(option(options, "key-passphrase-file", "STRONGROOM_KEYS_PASSPHRASE_FILE", null))
                    .map(Path::of), dataDir, System.out);
            if (report.ok() && keyRestored) {
                System.out.println("restore: OK. Start the vault on " + dataDir
                        + "; it imports the catalog and records the restore in the audit trail.");
                return report.verdict().exitStatus();
            }
            if (report.ok()) {
                System.out.println("restore: INCOMPLETE: the documents and the audit trail are back, the signing key "
                        + "is not (above). A vault started on " + dataDir + " refuses to sign until it is (docs/keys.md).");
                return RestoreVerdict.Outcome.INCOMPLETE.exitStatus();
            }
            System.out.println("restore: INCOMPLETE: " + report.verdict().missing().size() + " item(s) were not "
                    + "brought back (listed above, and in " + dataDir.resolve(S3Restore.RESTORE_DIR)
                    .resolve(S3Restore.REPORT_FILE) + ")" + (keyRestored ? "" : ", nor was the signing key (above)")
                    + ". Starting the vault on " + dataDir
                    + " imports what was restored and records the restore as failed in the audit trail.");
            return report.verdict().exitStatus();
        } catch (Exception e) {
            System.err.println("restore: FAILED, nothing usable was restored: " + e.getMessage());
            return RestoreVerdict.Outcome.FAILED.exitStatus();
        } finally {
            if (kms[0] != null) {
                kms[0].close();
            }
        }
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
