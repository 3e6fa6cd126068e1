package dev.strongroom.deploy;

import static dev.strongroom.deploy.Deployment.ACCOUNT;
import static dev.strongroom.deploy.Deployment.ARTIFACTS;
import static dev.strongroom.deploy.Deployment.BUCKET;
import static dev.strongroom.deploy.Deployment.DATABASE_SECRET;
import static dev.strongroom.deploy.Deployment.DATA_KEY;
import static dev.strongroom.deploy.Deployment.HOST_A;
import static dev.strongroom.deploy.Deployment.REGION;
import static dev.strongroom.deploy.Deployment.RELEASE_KEY;
import static dev.strongroom.deploy.Deployment.REPLICA_BUCKET;
import static dev.strongroom.deploy.Deployment.REPLICA_KEY;
import static dev.strongroom.deploy.Deployment.REPLICA_REGION;
import static dev.strongroom.deploy.Deployment.STATEMENTS_KEY;
import static dev.strongroom.deploy.Deployment.STATEMENTS_TOPIC;
import static dev.strongroom.deploy.Deployment.VAULT;
import static dev.strongroom.deploy.Deployment.arn;
import static dev.strongroom.deploy.Deployment.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.strongroom.audit.digest.DigestKeys;
import dev.strongroom.storage.HostKeys;
import dev.strongroom.storage.ObjectKeys;
import dev.strongroom.deploy.iam.IamRequest;
import dev.strongroom.deploy.iam.IamRequest.RequestedResource;
import dev.strongroom.deploy.iam.PolicyEvaluator;
import dev.strongroom.keys.KeyObjects;
import dev.strongroom.metadata.sync.SqsEventRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IAM actions the vault and the metadata Lambda need, derived from the AWS SDK calls in their
 * compiled classes (and the aws CLI calls in the scripts the hosts and release publishers run), so
 * the policies cannot drift from the code: a call the code makes and the policies do not allow fails
 * here, as does an action the vault host's policies grant that nothing makes. The table of what each
 * call asks IAM for follows the Service Authorization Reference and the S3 API reference (a PutObject
 * that asks for a legal hold also needs s3:PutObjectLegalHold; a HeadObject whose response shows the
 * retention needs s3:GetObjectRetention; a version id needs the *Version action).
 */
class VaultPermissionsFollowTheCodeTest {

    /** What one call of a client method asks IAM for. Client methods that make no request map to nothing. */
    static final Map<String, List<String>> CLIENT_CALLS = Map.ofEntries(
            Map.entry("S3Client.putObject", List.of("s3:PutObject")),
            Map.entry("S3Client.createMultipartUpload", List.of("s3:PutObject")),
            Map.entry("S3Client.uploadPart", List.of("s3:PutObject")),
            Map.entry("S3Client.completeMultipartUpload", List.of("s3:PutObject")),
            Map.entry("S3Client.abortMultipartUpload", List.of("s3:AbortMultipartUpload")),
            Map.entry("S3Client.putObjectRetention", List.of("s3:PutObjectRetention")),
            Map.entry("S3Client.getObject", List.of("s3:GetObject")),
            Map.entry("S3Client.getObjectAsBytes", List.of("s3:GetObject")),
            Map.entry("S3Client.headObject", List.of("s3:GetObject")),
            Map.entry("S3Client.listObjectsV2", List.of("s3:ListBucket")),
            Map.entry("S3Client.listObjectsV2Paginator", List.of("s3:ListBucket")),
            Map.entry("S3Client.listObjectVersions", List.of("s3:ListBucketVersions")),
            Map.entry("S3Client.listObjectVersionsPaginator", List.of("s3:ListBucketVersions")),
            Map.entry("S3Client.headBucket", List.of("s3:ListBucket")),
            Map.entry("S3Client.getBucketLocation", List.of("s3:GetBucketLocation")),
            Map.entry("S3Client.getBucketVersioning", List.of("s3:GetBucketVersioning")),
            Map.entry("S3Client.getObjectLockConfiguration", List.of("s3:GetBucketObjectLockConfiguration")),
            Map.entry("S3Client.getBucketReplication", List.of("s3:GetReplicationConfiguration")),
            Map.entry("S3Client.getBucketEncryption", List.of("s3:GetEncryptionConfiguration")),
            Map.entry("S3Client.getPublicAccessBlock", List.of("s3:GetBucketPublicAccessBlock")),
            Map.entry("Ec2Client.describeSnapshots", List.of("ec2:DescribeSnapshots")),
            Map.entry("Ec2Client.describeSnapshotsPaginator", List.of("ec2:DescribeSnapshots")),
            Map.entry("Ec2Client.describeVolumes", List.of("ec2:DescribeVolumes")),
            Map.entry("Ec2Client.describeVolumesPaginator", List.of("ec2:DescribeVolumes")),
            Map.entry("Ec2Client.createVolume", List.of("ec2:CreateVolume")),
            Map.entry("Ec2Client.attachVolume", List.of("ec2:AttachVolume")),
            Map.entry("DlmClient.getLifecyclePolicies", List.of("dlm:GetLifecyclePolicies")),
            Map.entry("DlmClient.getLifecyclePolicy", List.of("dlm:GetLifecyclePolicy")),
            Map.entry("CloudWatchClient.putMetricData", List.of("cloudwatch:PutMetricData")),
            Map.entry("CloudWatchLogsClient.createLogStream", List.of("logs:CreateLogStream")),
            Map.entry("CloudWatchLogsClient.putLogEvents", List.of("logs:PutLogEvents")),
            Map.entry("CloudWatchLogsClient.getLogEvents", List.of("logs:GetLogEvents")),
            // Stream epochs: the audit anchors and checks list the vault's streams in the audit group.
            Map.entry("CloudWatchLogsClient.describeLogStreamsPaginator", List.of("logs:DescribeLogStreams")),
            Map.entry("SsmClient.sendCommand", List.of("ssm:SendCommand")),
            Map.entry("KmsClient.generateDataKey", List.of("kms:GenerateDataKey")),
            Map.entry("KmsClient.decrypt", List.of("kms:Decrypt")),
            // A topic encrypted under a customer key: the publisher needs the key through SNS too.
            Map.entry("SnsClient.publish", List.of("sns:Publish", "kms:GenerateDataKey", "kms:Decrypt")));

    /** Request parameters and response fields that need an action of their own. */
    static final Map<String, List<String>> PARAMETERS = Map.ofEntries(
            Map.entry("PutObjectRequest$Builder.objectLockLegalHoldStatus", List.of("s3:PutObjectLegalHold")),
            Map.entry("CreateMultipartUploadRequest$Builder.objectLockLegalHoldStatus", List.of("s3:PutObjectLegalHold")),
            Map.entry("PutObjectRequest$Builder.objectLockMode", List.of("s3:PutObjectRetention")),
            Map.entry("PutObjectRequest$Builder.objectLockRetainUntilDate", List.of("s3:PutObjectRetention")),
            Map.entry("CreateMultipartUploadRequest$Builder.objectLockMode", List.of("s3:PutObjectRetention")),
            Map.entry("CreateMultipartUploadRequest$Builder.objectLockRetainUntilDate", List.of("s3:PutObjectRetention")),
            Map.entry("GetObjectRequest$Builder.versionId", List.of("s3:GetObjectVersion")),
            Map.entry("HeadObjectRequest$Builder.versionId", List.of("s3:GetObjectVersion")),
            Map.entry("HeadObjectResponse.objectLockMode", List.of("s3:GetObjectRetention")),
            Map.entry("HeadObjectResponse.objectLockRetainUntilDate", List.of("s3:GetObjectRetention")),
            Map.entry("HeadObjectResponse.objectLockLegalHoldStatus", List.of("s3:GetObjectLegalHold")),
            Map.entry("GetObjectResponse.objectLockMode", List.of("s3:GetObjectRetention")),
            Map.entry("GetObjectResponse.objectLockRetainUntilDate", List.of("s3:GetObjectRetention")),
            Map.entry("GetObjectResponse.objectLockLegalHoldStatus", List.of("s3:GetObjectLegalHold")),
            Map.entry("CreateVolumeRequest$Builder.tagSpecifications", List.of("ec2:CreateTags")),
            // SSE-KMS under a named key: S3 asks KMS for a data key on a put, and to decrypt it to finish a multipart upload.
            Map.entry("PutObjectRequest$Builder.ssekmsKeyId", List.of("kms:GenerateDataKey")),
            Map.entry("CreateMultipartUploadRequest$Builder.ssekmsKeyId", List.of("kms:GenerateDataKey", "kms:Decrypt")));

    /** Client methods that make no request. */
    static final Set<String> NO_REQUEST = Set.of("builder", "create", "close", "serviceName", "serviceClientConfiguration",
            "utilities", "waiter");

    /**
     * Where the vault writes and reads objects (docs/backup-format.md: documents, each host's chain under hosts/, and
     * for restores and drills the unprefixed chain of earlier releases, read only; reports/; the digests of earlier
     * releases under audit-digests/, read only; the
     * signing key's envelope and history under keys/, docs/keys.md; the bucket's claim under vault/).
     */
    static final List<String> VAULT_WRITES = List.of(ObjectKeys.DOCUMENTS, HostKeys.HOSTS, "reports/", KeyObjects.PREFIX,
            ObjectKeys.VAULT);
    /** Written by earlier releases and only read now: a host that could still write there could add to them. */
    static final List<String> READ_ONLY_NOW = List.of(HostKeys.legacy().manifests(), HostKeys.legacy().catalogs(),
            HostKeys.legacy().journal(), DigestKeys.LEGACY_PREFIX);
    static final List<String> VAULT_READS = List.of(ObjectKeys.DOCUMENTS, HostKeys.HOSTS,
            HostKeys.legacy().manifests(), HostKeys.legacy().catalogs(), HostKeys.legacy().journal(), "reports/",
            "audit-digests/", KeyObjects.PREFIX, ObjectKeys.VAULT, "metadata/");
    /** What a restore or a drill reads from the replica: a restore from it brings the signing key back too. */
    static final List<String> REPLICA_READS = List.of(ObjectKeys.DOCUMENTS, HostKeys.HOSTS,
            HostKeys.legacy().manifests(), HostKeys.legacy().catalogs(), HostKeys.legacy().journal(), KeyObjects.PREFIX);

    /** Actions the vault host's policies grant for something other than the vault's code, and what. */
    static final Map<String, String> NOT_FROM_THE_CODE = Map.ofEntries(
            Map.entry("ssm:UpdateInstanceInformation", "the SSM agent"),
            Map.entry("ec2messages:AcknowledgeMessage", "the SSM agent"), Map.entry("ec2messages:DeleteMessage", "the SSM agent"),
            Map.entry("ec2messages:FailMessage", "the SSM agent"), Map.entry("ec2messages:GetEndpoint", "the SSM agent"),
            Map.entry("ec2messages:GetMessages", "the SSM agent"), Map.entry("ec2messages:SendReply", "the SSM agent"),
            Map.entry("ssmmessages:CreateControlChannel", "the SSM agent"),
            Map.entry("ssmmessages:CreateDataChannel", "the SSM agent"),
            Map.entry("ssmmessages:OpenControlChannel", "the SSM agent"),
            Map.entry("ssmmessages:OpenDataChannel", "the SSM agent"),
            Map.entry("kms:CreateGrant", "EC2 creating a volume from an encrypted snapshot on the vault's behalf"),
            Map.entry("kms:DescribeKey", "EC2 creating a volume from an encrypted snapshot on the vault's behalf"),
            Map.entry("kms:GenerateDataKeyWithoutPlaintext", "EC2 creating a volume from an encrypted snapshot"),
            Map.entry("kms:ReEncryptFrom", "EC2 creating a volume from an encrypted snapshot on the vault's behalf"),
            Map.entry("kms:ReEncryptTo", "EC2 creating a volume from an encrypted snapshot on the vault's behalf"));

    private static JavaClasses classes;

    @BeforeAll
    static void importTheCompiledCode() {
        // The SDK's classes are named by the calls; reading them from the class path would only cost time.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        try {
            classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("dev.strongroom");
        } finally {
            ArchConfiguration.get().reset();
        }
    }

    private static boolean lambda(JavaClass c) {
        return c.getPackageName().startsWith("dev.strongroom.metadata.lambda");
    }

    /** The local emulator's stand-in for S3 invoking the Lambda, which never runs on AWS. */
    private static boolean emulatorOnly(JavaClass c) {
        return c.getName().startsWith(SqsEventRunner.class.getName());
    }

    /** Every IAM action the calls of the classes chosen need, with the calls that need it. */
    static Map<String, Set<String>> actionsNeededBy(Predicate<JavaClass> which) {
        Map<String, Set<String>> needed = new TreeMap<>();
        List<String> unknown = new ArrayList<>();
        for (JavaClass c : classes) {
            if (!which.test(c)) {
                continue;
            }
            for (JavaMethodCall call : c.getMethodCallsFromSelf()) {
                String owner = call.getTargetOwner().getName();
                if (!owner.startsWith("software.amazon.awssdk.services.")) {
                    continue;
                }
                String simple = owner.substring(owner.lastIndexOf('.') + 1);
                String name = simple + "." + call.getName();
                List<String> actions = owner.endsWith("Client") && !simple.contains("$") ? CLIENT_CALLS.get(name)
                        : PARAMETERS.get(name);
                if (actions == null && owner.endsWith("Client") && !simple.contains("$")
                        && !NO_REQUEST.contains(call.getName())) {
                    unknown.add(name + " in " + c.getSimpleName());
                }
                if (actions != null) {
                    actions.forEach(a -> needed.computeIfAbsent(a, k -> new TreeSet<>()).add(name + " in " + c.getSimpleName()));
                }
            }
        }
        assertEquals(List.of(), unknown, "SDK calls with no entry in CLIENT_CALLS: add what each asks IAM for, from the "
                + "Service Authorization Reference");
        return needed;
    }

    @Test
    void theScanSeesTheCallsItMustSee() {
        Map<String, Set<String>> vault = actionsNeededBy(c -> !lambda(c) && !emulatorOnly(c));
        assertTrue(vault.get("s3:PutObjectLegalHold").contains("PutObjectRequest$Builder.objectLockLegalHoldStatus in "
                + "S3BackupTarget"), vault.toString());
        assertTrue(vault.containsKey("ec2:AttachVolume") && vault.containsKey("logs:PutLogEvents"), vault.keySet().toString());
        assertEquals(Set.of("s3:GetObject", "s3:GetObjectVersion", "s3:PutObject", "ssm:SendCommand"),
                actionsNeededBy(VaultPermissionsFollowTheCodeTest::lambda).keySet());
    }

    @Test
    void theVaultHostMayMakeEveryCallItsCodeMakesWhereItMakesIt() {
        PolicyEvaluator host = Deployment.principal("vault host");
        PolicyEvaluator endpoint = new PolicyEvaluator(List.of(Deployment.policy("vpc-endpoint-s3.json")));
        List<String> refused = new ArrayList<>();
        for (String action : actionsNeededBy(c -> !lambda(c) && !emulatorOnly(c)).keySet()) {
            for (IamRequest request : vaultRequests(action)) {
                if (!host.decide(request).allowed()) {
                    refused.add(request + ": " + host.decide(request));
                }
                boolean throughTheEndpoint = action.startsWith("s3:") && request.resources().get(0).arn()
                        .startsWith("arn:aws:s3:::" + BUCKET);
                if (throughTheEndpoint && !endpoint.decide(request.with("aws:PrincipalAccount", ACCOUNT)).allowed()) {
                    refused.add("the S3 endpoint refuses " + request);
                }
            }
        }
        assertEquals(List.of(), refused);
    }

    @Test
    void theVaultHostCannotWriteWhereOnlyEarlierReleasesWrote() {
        PolicyEvaluator host = Deployment.principal("vault host");
        List<String> writable = new ArrayList<>();
        for (String prefix : READ_ONLY_NOW) {
            for (String action : List.of("s3:PutObject", "s3:PutObjectRetention", "s3:PutObjectLegalHold")) {
                IamRequest request = IamRequest.of(action, "arn:aws:s3:::" + BUCKET + "/" + prefix + "x");
                if (host.decide(request).allowed()) {
                    writable.add(request.toString());
                }
            }
            IamRequest read = IamRequest.of("s3:GetObject", "arn:aws:s3:::" + BUCKET + "/" + prefix + "x");
            assertTrue(host.decide(read).allowed(), "still read: " + read);
        }
        assertEquals(List.of(), writable, "the unprefixed chain and digests of earlier releases are only read now");
    }

    @Test
    void theVaultHostsPoliciesGrantNothingItsCodeOrScriptsDoNotUse() throws IOException {
        Set<String> used = new TreeSet<>(actionsNeededBy(c -> !lambda(c) && !emulatorOnly(c)).keySet());
        used.addAll(scriptActions(HOST_SCRIPTS, true).keySet());
        used.addAll(NOT_FROM_THE_CODE.keySet());
        Set<String> granted = new TreeSet<>();
        for (Deployment.Row row : Deployment.table()) {
            if (row.principal().equals("vault host")) {
                for (JsonNode statement : Deployment.resolved(row.file()).path("Statement")) {
                    JsonNode actions = statement.path("Action");
                    if (actions.isTextual()) {
                        granted.add(actions.asText());
                    }
                    actions.forEach(a -> granted.add(a.asText()));
                }
            }
        }
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "actions the vault host is granted that neither its code nor its scripts use");
    }

    @Test
    void theLambdaMayMakeEveryCallItsCodeMakes() {
        PolicyEvaluator lambda = Deployment.principal("metadata Lambda");
        String document = "arn:aws:s3:::" + BUCKET + "/documents/0f3a";
        Map<String, IamRequest> requests = Map.of(
                "s3:GetObject", IamRequest.of("s3:GetObject", document),
                "s3:GetObjectVersion", IamRequest.of("s3:GetObjectVersion", document),
                "s3:PutObject", IamRequest.of("s3:PutObject", "arn:aws:s3:::" + BUCKET + "/metadata/0f3a.json"),
                "ssm:SendCommand", IamRequest.on("ssm:SendCommand", RequestedResource.of(instance(HOST_A)),
                        RequestedResource.of(arn("ssm", "document/strongroom-metadata-deferred"))));
        for (String action : actionsNeededBy(VaultPermissionsFollowTheCodeTest::lambda).keySet()) {
            IamRequest request = requests.get(action);
            assertTrue(request != null && lambda.decide(request).allowed(), action + ": " + (request == null ? "no request"
                    : lambda.decide(request)));
        }
        // The sidecar goes in under the bucket's default encryption, the data key, through S3.
        assertTrue(lambda.decide(IamRequest.of("kms:GenerateDataKey", DATA_KEY).with("kms:ViaService",
                "s3." + REGION + ".amazonaws.com")).allowed());
    }

    static final List<String> HOST_SCRIPTS = List.of("strongroom-release.sh", "strongroom-start.sh",
            "strongroom-bootstrap.sh", "mount-restored-volume.sh", "restore-from-s3.sh");

    @Test
    void theHostsAndTheReleasePublishersMayRunTheirScriptsAwsCalls() throws IOException {
        PolicyEvaluator host = Deployment.principal("vault host");
        String release = "arn:aws:s3:::" + ARTIFACTS + "/releases/1.4.0/strongroom-1.4.0.tar.gz";
        Map<String, List<IamRequest>> hostRequests = Map.of(
                "s3:GetObject", List.of(IamRequest.of("s3:GetObject", release)),
                "s3:ListBucket", List.of(IamRequest.of("s3:ListBucket", "arn:aws:s3:::" + ARTIFACTS)
                        .with("s3:prefix", "releases/1.4.0/")),
                "kms:GetPublicKey", List.of(IamRequest.of("kms:GetPublicKey", RELEASE_KEY)),
                "secretsmanager:GetSecretValue", List.of(IamRequest.of("secretsmanager:GetSecretValue", DATABASE_SECRET),
                        IamRequest.of("kms:Decrypt", DATA_KEY).with("kms:ViaService",
                                "secretsmanager." + REGION + ".amazonaws.com")),
                "ssm:GetParameter", List.of(IamRequest.of("ssm:GetParameter", arn("ssm", "parameter/strongroom/" + VAULT
                        + "/release-version"))),
                "cloudformation:DescribeStackResource", List.of(IamRequest.of("cloudformation:DescribeStackResource",
                        arn("cloudformation", "stack/" + VAULT + "/0a1b2c3d-host-files"))));
        for (String action : scriptActions(HOST_SCRIPTS, true).keySet()) {
            assertTrue(hostRequests.containsKey(action), "no request to judge " + action + " by");
            hostRequests.get(action).forEach(r -> assertTrue(host.decide(r).allowed(), r + ": " + host.decide(r)));
        }
        PolicyEvaluator publishers = Deployment.principal("release publishers");
        Map<String, IamRequest> publisherRequests = Map.of(
                "s3:ListBucket", IamRequest.of("s3:ListBucket", "arn:aws:s3:::" + ARTIFACTS).with("s3:prefix", "releases/1.4.0/"),
                "s3:PutObject", IamRequest.of("s3:PutObject", release),
                "kms:Sign", IamRequest.of("kms:Sign", RELEASE_KEY).with("kms:SigningAlgorithm", "ECDSA_SHA_256")
                        .with("kms:MessageType", "RAW"),
                "kms:GetPublicKey", IamRequest.of("kms:GetPublicKey", RELEASE_KEY));
        for (String action : scriptActions(List.of("publish-release.sh"), false).keySet()) {
            IamRequest request = publisherRequests.get(action);
            assertTrue(request != null && publishers.decide(request).allowed(), action + ": "
                    + (request == null ? "no request" : publishers.decide(request)));
        }
    }

    /** The vault's requests for one action: each resource the code sends it to, with the keys AWS adds. */
    private static List<IamRequest> vaultRequests(String action) {
        String service = action.substring(0, action.indexOf(':'));
        String viaS3 = "s3." + REGION + ".amazonaws.com";
        List<IamRequest> requests = new ArrayList<>();
        switch (action) {
            case "s3:PutObject", "s3:PutObjectRetention", "s3:PutObjectLegalHold", "s3:AbortMultipartUpload" ->
                    VAULT_WRITES.forEach(p -> requests.add(IamRequest.of(action, "arn:aws:s3:::" + BUCKET + "/" + p + "x")));
            case "s3:GetObject", "s3:GetObjectVersion", "s3:GetObjectRetention", "s3:GetObjectLegalHold" -> {
                VAULT_READS.forEach(p -> requests.add(IamRequest.of(action, "arn:aws:s3:::" + BUCKET + "/" + p + "x")));
                REPLICA_READS.forEach(p -> requests.add(IamRequest.of(action, "arn:aws:s3:::" + REPLICA_BUCKET + "/" + p + "x")));
            }
            case "s3:ListBucket", "s3:ListBucketVersions" -> {
                requests.add(IamRequest.of(action, "arn:aws:s3:::" + BUCKET));
                requests.add(IamRequest.of(action, "arn:aws:s3:::" + REPLICA_BUCKET));
            }
            case "s3:GetBucketLocation" -> requests.add(IamRequest.of(action, "arn:aws:s3:::" + REPLICA_BUCKET));
            case "s3:GetBucketVersioning", "s3:GetBucketObjectLockConfiguration", "s3:GetReplicationConfiguration",
                    "s3:GetEncryptionConfiguration", "s3:GetBucketPublicAccessBlock" ->
                    requests.add(IamRequest.of(action, "arn:aws:s3:::" + BUCKET));
            case "kms:GenerateDataKey" -> {
                requests.add(IamRequest.of(action, DATA_KEY).with("kms:ViaService", viaS3));
                requests.add(signingKeyEnvelope(action));
                requests.add(IamRequest.of(action, STATEMENTS_KEY).with("kms:ViaService", "sns." + REGION + ".amazonaws.com"));
            }
            case "kms:Decrypt" -> {
                requests.add(IamRequest.of(action, DATA_KEY).with("kms:ViaService", viaS3));
                requests.add(signingKeyEnvelope(action));
                requests.add(IamRequest.of(action, STATEMENTS_KEY).with("kms:ViaService", "sns." + REGION + ".amazonaws.com"));
                requests.add(IamRequest.of(action, REPLICA_KEY).with("kms:ViaService", "s3." + REPLICA_REGION + ".amazonaws.com"));
            }
            case "ec2:DescribeSnapshots", "ec2:DescribeVolumes", "dlm:GetLifecyclePolicies" ->
                    requests.add(IamRequest.of(action, "*"));
            case "dlm:GetLifecyclePolicy" -> requests.add(IamRequest.of(action, arn("dlm", "policy/policy-0123456789abcdef0")));
            case "ec2:CreateVolume" -> requests.add(IamRequest.on(action,
                    RequestedResource.of("arn:aws:ec2:" + REGION + "::snapshot/snap-0123456789abcdef0")
                            .tagged("strongroom:vault", VAULT),
                    RequestedResource.of(arn("ec2", "volume/vol-0123456789abcdef0")))
                    .with("aws:RequestTag/strongroom:vault", VAULT).with("ec2:Encrypted", "true"));
            case "ec2:CreateTags" -> requests.add(IamRequest.on(action, RequestedResource.of(arn("ec2",
                    "volume/vol-0123456789abcdef0"))).with("ec2:CreateAction", "CreateVolume")
                    .with("aws:RequestTag/strongroom:vault", VAULT));
            case "ec2:AttachVolume" -> requests.add(IamRequest.on(action,
                    RequestedResource.of(arn("ec2", "volume/vol-0123456789abcdef0")).tagged("strongroom:vault", VAULT),
                    RequestedResource.of(instance(HOST_A)).tagged("strongroom:vault", VAULT).with("ec2:InstanceID", HOST_A))
                    .with("ec2:SourceInstanceARN", instance(HOST_A)));
            case "sns:Publish" -> requests.add(IamRequest.of(action, STATEMENTS_TOPIC));
            case "cloudwatch:PutMetricData" -> requests.add(IamRequest.of(action, "*").with("cloudwatch:namespace", "Strongroom"));
            case "logs:CreateLogStream", "logs:PutLogEvents", "logs:GetLogEvents" -> requests.add(IamRequest.of(action,
                    arn("logs", "log-group:/strongroom/audit:log-stream:" + VAULT + "-a")));
            case "logs:DescribeLogStreams" -> requests.add(IamRequest.of(action, arn("logs", "log-group:/strongroom/audit")));
            default -> throw new AssertionError("the test does not know where the vault sends " + action + " (" + service
                    + "); add it to vaultRequests");
        }
        return requests;
    }

    /** The vault's own call for the signing key's envelope: the data key, under the envelope's encryption context. */
    private static IamRequest signingKeyEnvelope(String action) {
        return IamRequest.of(action, DATA_KEY).with("kms:EncryptionContext:purpose", "strongroom-signing-key")
                .with("kms:EncryptionContext:keyId", "0".repeat(64));
    }

    private static final Pattern AWS_CALL = Pattern.compile("\\baws\\s+(s3|kms|secretsmanager|ssm|ec2|s3api)\\s+([a-z0-9-]+)");

    /** The IAM actions of the aws CLI calls (and cfn-init) in scripts; a call the map lacks fails the test. */
    private static Map<String, String> scriptActions(List<String> scripts, boolean downloads) throws IOException {
        Map<String, List<String>> cli = Map.of(
                "s3 cp", downloads ? List.of("s3:GetObject", "s3:ListBucket") : List.of("s3:PutObject"),
                "s3 ls", List.of("s3:ListBucket"),
                "kms get-public-key", List.of("kms:GetPublicKey"),
                "kms sign", List.of("kms:Sign"),
                "secretsmanager get-secret-value", List.of("secretsmanager:GetSecretValue"),
                "ssm get-parameter", List.of("ssm:GetParameter"));
        Map<String, String> actions = new TreeMap<>();
        for (String script : scripts) {
            for (String line : Files.readAllLines(Path.of("deploy", script))) {
                if (line.strip().startsWith("#")) {
                    continue;
                }
                Matcher m = AWS_CALL.matcher(line);
                while (m.find()) {
                    String call = m.group(1) + " " + m.group(2);
                    List<String> mapped = cli.get(call);
                    assertTrue(mapped != null, script + " calls aws " + call + ", which the test has no IAM actions for");
                    mapped.forEach(a -> actions.put(a, script));
                }
            }
        }
        if (downloads) {
            // The user data runs cfn-init, which reads the host files from the stack.
            actions.put("cloudformation:DescribeStackResource", "cfn-init in the user data");
        }
        return actions;
    }
}
