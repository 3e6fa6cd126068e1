package dev.strongroom.deploy;

import static dev.strongroom.deploy.Deployment.ACCOUNT;
import static dev.strongroom.deploy.Deployment.ARTIFACTS;
import static dev.strongroom.deploy.Deployment.BUCKET;
import static dev.strongroom.deploy.Deployment.DATABASE_SECRET;
import static dev.strongroom.deploy.Deployment.DATA_KEY;
import static dev.strongroom.deploy.Deployment.HOST_A;
import static dev.strongroom.deploy.Deployment.HOST_B;
import static dev.strongroom.deploy.Deployment.REGION;
import static dev.strongroom.deploy.Deployment.RELEASE_KEY;
import static dev.strongroom.deploy.Deployment.REPLICA_BUCKET;
import static dev.strongroom.deploy.Deployment.REPLICA_KEY;
import static dev.strongroom.deploy.Deployment.REPLICA_REGION;
import static dev.strongroom.deploy.Deployment.VAULT;
import static dev.strongroom.deploy.Deployment.arn;
import static dev.strongroom.deploy.Deployment.instance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.strongroom.deploy.iam.IamRequest;
import dev.strongroom.deploy.iam.IamRequest.RequestedResource;
import dev.strongroom.deploy.iam.PolicyEvaluator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every principal's policies together, evaluated as IAM would, against what policies/README.md says it
 * may do: who reaches document bytes, how EC2 actions are tied to the vault's tag or the instance
 * asking, the replica for the restore path, ops without a shell, releases only from their publishers.
 */
class RoleAccessTest {

    private static final String TAG = "strongroom:vault";

    /** A vault host asking with its instance role's credentials carries its own ARN (ec2:SourceInstanceARN). */
    private static IamRequest fromHost(String host, IamRequest request) {
        return request.with("ec2:SourceInstanceARN", instance(host));
    }

    private static RequestedResource vaultHost(String id) {
        return RequestedResource.of(instance(id)).tagged(TAG, VAULT).with("ec2:InstanceID", id);
    }

    private static RequestedResource snapshot(String vault) {
        RequestedResource snapshot = RequestedResource.of("arn:aws:ec2:" + REGION + "::snapshot/snap-0123456789abcdef0");
        return vault == null ? snapshot : snapshot.tagged(TAG, vault).tagged("Backup", "true");
    }

    private static RequestedResource volume(String vault) {
        RequestedResource volume = RequestedResource.of(arn("ec2", "volume/vol-0123456789abcdef0"));
        return vault == null ? volume : volume.tagged(TAG, vault).tagged("Backup", "true");
    }

    /** Each way to document bytes the test knows, named for the failure message. */
    static Map<String, IamRequest> waysToDocumentBytes() {
        Map<String, IamRequest> ways = new java.util.LinkedHashMap<>();
        for (String key : List.of("documents/0f3a", "metadata/0f3a.json", "catalog/run-1.ndjson", "journal/segment-1",
                "hosts/host-a/catalog/run-1.ndjson", "hosts/host-a/journal/segment-1")) {
            ways.put("s3:GetObject " + key, IamRequest.of("s3:GetObject", "arn:aws:s3:::" + BUCKET + "/" + key));
            ways.put("s3:GetObjectVersion " + key, IamRequest.of("s3:GetObjectVersion", "arn:aws:s3:::" + BUCKET + "/" + key));
        }
        ways.put("s3:GetObject replica documents/",
                IamRequest.of("s3:GetObject", "arn:aws:s3:::" + REPLICA_BUCKET + "/documents/0f3a"));
        ways.put("s3:GetObjectVersionForReplication documents/",
                IamRequest.of("s3:GetObjectVersionForReplication", "arn:aws:s3:::" + BUCKET + "/documents/0f3a"));
        for (String document : List.of("AWS-RunShellScript", "AWS-RunRemoteScript", "AWS-RunPowerShellScript")) {
            ways.put("ssm:SendCommand " + document, IamRequest.on("ssm:SendCommand",
                    RequestedResource.of("arn:aws:ssm:" + REGION + "::document/" + document), vaultHost(HOST_A)));
        }
        ways.put("ssm:StartSession", IamRequest.on("ssm:StartSession", vaultHost(HOST_A),
                RequestedResource.of("arn:aws:ssm:" + REGION + "::document/SSM-SessionManagerRunShell")));
        ways.put("ec2:CreateVolume from a vault snapshot", IamRequest.on("ec2:CreateVolume", snapshot(VAULT),
                volume(null)).with("aws:RequestTag/" + TAG, VAULT).with("ec2:Encrypted", "true"));
        ways.put("ec2:AttachVolume of a vault volume to another instance", IamRequest.on("ec2:AttachVolume",
                volume(VAULT), RequestedResource.of(instance("i-0ccccccccccccccc0")).with("ec2:InstanceID",
                        "i-0ccccccccccccccc0")));
        ways.put("ec2:ModifySnapshotAttribute (share a vault snapshot)",
                IamRequest.on("ec2:ModifySnapshotAttribute", snapshot(VAULT)));
        ways.put("ebs:GetSnapshotBlock", IamRequest.on("ebs:GetSnapshotBlock", snapshot(VAULT)));
        ways.put("ec2:CreateImage of a vault host", IamRequest.on("ec2:CreateImage", vaultHost(HOST_A),
                RequestedResource.of("arn:aws:ec2:" + REGION + "::image/ami-0123456789abcdef0")));
        ways.put("lambda:UpdateFunctionCode", IamRequest.of("lambda:UpdateFunctionCode",
                arn("lambda", "function:" + VAULT + "-metadata")));
        ways.put("lambda:UpdateFunctionConfiguration", IamRequest.of("lambda:UpdateFunctionConfiguration",
                arn("lambda", "function:" + VAULT + "-metadata")));
        ways.put("secretsmanager:GetSecretValue database", IamRequest.of("secretsmanager:GetSecretValue", DATABASE_SECRET));
        ways.put("kms:Decrypt with the data key directly", IamRequest.of("kms:Decrypt", DATA_KEY));
        ways.put("cloudformation:UpdateStack", IamRequest.of("cloudformation:UpdateStack",
                arn("cloudformation", "stack/" + VAULT + "/0a1b2c3d")));
        return ways;
    }

    @Test
    void theTableNamesEveryDocumentAndSaysForEachPrincipalWhetherItReachesDocumentBytes() throws IOException {
        Set<String> listed = Deployment.table().stream().map(Deployment.Row::file).collect(Collectors.toCollection(TreeSet::new));
        Set<String> files;
        try (Stream<Path> all = Files.list(Path.of("policies"))) {
            files = all.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json") && !n.equals("dlm-policy.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, listed, "policies/README.md lists every document in policies/");
        for (Deployment.Row row : Deployment.table()) {
            assertTrue(row.principal().equals("(resource)") ? row.documentBytes().equals("—")
                    : Set.of("yes", "no").contains(row.documentBytes()), row.toString());
        }
        for (String principal : Deployment.principals().keySet()) {
            assertEquals(1, Deployment.table().stream().filter(r -> r.principal().equals(principal))
                    .map(Deployment.Row::documentBytes).distinct().count(), principal + ": one answer per principal");
        }
    }

    @Test
    void noPrincipalReachesDocumentBytesUnlessTheTableSaysSo() {
        List<String> breaches = new ArrayList<>();
        Map<String, IamRequest> ways = waysToDocumentBytes();
        for (Deployment.Row row : Deployment.table()) {
            if (!row.documentBytes().equals("no")) {
                continue;
            }
            PolicyEvaluator principal = Deployment.principal(row.principal());
            ways.forEach((name, request) -> {
                var decision = principal.decide(request);
                if (decision.allowed()) {
                    breaches.add(row.principal() + " reaches document bytes by " + name + " (" + decision.reason() + ")");
                }
            });
        }
        assertEquals(List.of(), breaches.stream().distinct().toList());
    }

    @Test
    void thePrincipalsTheTableLetReadDocumentsCanReadThem() {
        assertAllowed("vault host", IamRequest.of("s3:GetObject", "arn:aws:s3:::" + BUCKET + "/documents/0f3a"));
        assertAllowed("metadata Lambda", IamRequest.of("s3:GetObject", "arn:aws:s3:::" + BUCKET + "/documents/0f3a"));
        assertAllowed("auditors", IamRequest.of("s3:GetObjectVersion", "arn:aws:s3:::" + BUCKET + "/documents/0f3a"));
        assertAllowed("auditors", IamRequest.of("s3:GetObject", "arn:aws:s3:::" + REPLICA_BUCKET + "/documents/0f3a"));
        assertAllowed("S3 replication", IamRequest.of("s3:GetObjectVersionForReplication",
                "arn:aws:s3:::" + BUCKET + "/documents/0f3a"));
    }

    @Test
    void theVaultRestoresOnlyItsOwnVaultsSnapshotsAndAttachesThemOnlyToItself() {
        PolicyEvaluator host = Deployment.principal("vault host");
        IamRequest restore = fromHost(HOST_A, IamRequest.on("ec2:CreateVolume", snapshot(VAULT), volume(null))
                .with("aws:RequestTag/" + TAG, VAULT).with("aws:TagKeys", TAG, "Backup").with("ec2:Encrypted", "true"));
        IamRequest tagAsCreated = fromHost(HOST_A, IamRequest.on("ec2:CreateTags", volume(null))
                .with("ec2:CreateAction", "CreateVolume").with("aws:RequestTag/" + TAG, VAULT));
        IamRequest attach = fromHost(HOST_A, IamRequest.on("ec2:AttachVolume", volume(VAULT), vaultHost(HOST_A)));
        assertTrue(host.decide(restore).allowed(), host.decide(restore).toString());
        assertTrue(host.decide(tagAsCreated).allowed(), host.decide(tagAsCreated).toString());
        assertTrue(host.decide(attach).allowed(), host.decide(attach).toString());

        Map<String, IamRequest> refused = new java.util.LinkedHashMap<>();
        refused.put("another vault's snapshot", fromHost(HOST_A, IamRequest.on("ec2:CreateVolume", snapshot("other"),
                volume(null)).with("aws:RequestTag/" + TAG, VAULT).with("ec2:Encrypted", "true")));
        refused.put("an untagged snapshot", fromHost(HOST_A, IamRequest.on("ec2:CreateVolume", snapshot(null),
                volume(null)).with("aws:RequestTag/" + TAG, VAULT).with("ec2:Encrypted", "true")));
        refused.put("a volume not tagged for the vault", fromHost(HOST_A, IamRequest.on("ec2:CreateVolume",
                snapshot(VAULT), volume(null)).with("ec2:Encrypted", "true")));
        refused.put("an unencrypted volume", fromHost(HOST_A, IamRequest.on("ec2:CreateVolume", snapshot(VAULT),
                volume(null)).with("aws:RequestTag/" + TAG, VAULT).with("ec2:Encrypted", "false")));
        refused.put("attaching to the other host", fromHost(HOST_A, IamRequest.on("ec2:AttachVolume", volume(VAULT),
                vaultHost(HOST_B))));
        refused.put("attaching another vault's volume", fromHost(HOST_A, IamRequest.on("ec2:AttachVolume",
                volume("other"), vaultHost(HOST_A))));
        refused.put("attaching with the role's credentials off the instance", IamRequest.on("ec2:AttachVolume",
                volume(VAULT), vaultHost(HOST_A)));
        refused.put("retagging an existing volume into the vault", fromHost(HOST_A, IamRequest.on("ec2:CreateTags",
                volume("other")).with("aws:RequestTag/" + TAG, VAULT)));
        refused.put("detaching or deleting a volume", fromHost(HOST_A, IamRequest.on("ec2:DeleteVolume", volume(VAULT))));
        refused.forEach((name, request) -> assertFalse(host.decide(request).allowed(), name + ": " + host.decide(request)));
    }

    @Test
    void everyEc2ActionOnAnExistingResourceIsTiedToTheVaultsTagOrToTheInstanceAsking() {
        // Statements that only create a resource (which has no tag to judge yet) or tag what they just made.
        Map<String, String> creating = Map.of(
                "iam-dlm.json MakeTheNewSnapshotsAndTheirCopies",
                "the snapshots DLM creates and copies are new; DLM copies the volume's tags onto them (CopyTags), as "
                        + "AWS's own AWSDataLifecycleManagerServiceRole policy grants CreateSnapshot, CopySnapshot and "
                        + "CreateTags on snapshots");
        Set<String> tying = Set.of("aws:resourcetag/", "ec2:resourcetag/", "aws:requesttag/", "ec2:sourceinstancearn",
                "ec2:instanceid");
        List<String> untied = new ArrayList<>();
        for (Deployment.Row row : Deployment.table()) {
            for (JsonNode statement : Deployment.resolved(row.file()).path("Statement")) {
                boolean ec2 = false;
                for (JsonNode action : statement.path("Action").isArray() ? statement.path("Action")
                        : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(statement.path("Action"))) {
                    String name = action.asText().toLowerCase(java.util.Locale.ROOT);
                    ec2 |= (name.startsWith("ec2:") || name.startsWith("ebs:")) && !name.startsWith("ec2:describe");
                }
                if (!ec2 || !statement.path("Effect").asText().equals("Allow")) {
                    continue;
                }
                boolean tied = false;
                for (JsonNode operator : statement.path("Condition")) {
                    for (var key : (Iterable<String>) operator::fieldNames) {
                        tied |= tying.stream().anyMatch(k -> key.toLowerCase(java.util.Locale.ROOT).startsWith(k));
                    }
                }
                String name = row.file() + " " + statement.path("Sid").asText();
                if (!tied && !creating.containsKey(name)) {
                    untied.add(name);
                }
            }
        }
        assertEquals(List.of(), untied, "EC2/EBS statements with no tag or own-instance condition");

        PolicyEvaluator dlm = Deployment.principal("DLM");
        assertFalse(dlm.decide(IamRequest.on("ec2:CreateSnapshot", volume(null), snapshot(null))).allowed(),
                "DLM snapshots only volumes tagged Backup=true");
        assertTrue(dlm.decide(IamRequest.on("ec2:CreateSnapshot", volume(VAULT), snapshot(null))).allowed());
        assertTrue(dlm.decide(IamRequest.on("ec2:DeleteSnapshot", snapshot(VAULT))).allowed());
        assertFalse(dlm.decide(IamRequest.on("ec2:DeleteSnapshot", snapshot("other"))).allowed(),
                "DLM expires this vault's snapshots only");
        PolicyEvaluator ops = Deployment.principal("ops");
        assertTrue(ops.decide(IamRequest.on("ec2:RebootInstances", vaultHost(HOST_B))).allowed());
        assertFalse(ops.decide(IamRequest.on("ec2:StopInstances", RequestedResource.of(instance("i-0ccccccccccccccc0"))))
                .allowed(), "ops restart the vault's hosts, no other instance");
    }

    @Test
    void theRestorePathReadsEverythingARestoreNeedsFromTheReplica() {
        PolicyEvaluator host = Deployment.principal("vault host");
        String replica = "arn:aws:s3:::" + REPLICA_BUCKET;
        for (String key : List.of("hosts/host-a/manifests/20260101T000000Z-1.json",
                "hosts/host-a/catalog/20260101T000000Z-1.ndjson", "hosts/host-a/journal/segment-000001.jsonl",
                "manifests/20260101T000000Z-1.json", "catalog/20260101T000000Z-1.ndjson", "journal/segment-000001.jsonl",
                "documents/0f3a")) {
            for (String action : List.of("s3:GetObject", "s3:GetObjectVersion")) {
                assertAllowed(host, IamRequest.of(action, replica + "/" + key));
            }
        }
        assertAllowed(host, IamRequest.of("s3:ListBucket", replica));
        assertAllowed(host, IamRequest.of("s3:ListBucketVersions", replica));
        assertAllowed(host, IamRequest.of("kms:Decrypt", REPLICA_KEY).with("kms:ViaService",
                "s3." + REPLICA_REGION + ".amazonaws.com"));
        assertFalse(host.decide(IamRequest.of("kms:Decrypt", REPLICA_KEY)).allowed(), "the replica key through S3 only");
    }

    @Test
    void opsRunOnlyTheStacksOwnDocumentsOnTheVaultsHostsAndNeverAShellOrAReleaseUpload() throws IOException {
        PolicyEvaluator ops = Deployment.principal("ops");
        CloudFormationTemplate template = CloudFormationTemplate.read("deploy/strongroom.yaml");
        List<String> documents = new ArrayList<>();
        template.resourceTypes().forEach((id, type) -> {
            if (type.equals("AWS::SSM::Document") && !id.equals("MetadataHandoverDocument")) {
                documents.add(template.resource(id).at("/Properties/Name/Fn::Sub").asText()
                        .replace("${AWS::StackName}", VAULT));
            }
        });
        assertEquals(6, documents.size(), documents.toString());
        for (String document : documents) {
            RequestedResource doc = RequestedResource.of(arn("ssm", "document/" + document));
            assertAllowed(ops, IamRequest.on("ssm:SendCommand", doc, vaultHost(HOST_B)));
            assertFalse(ops.decide(IamRequest.on("ssm:SendCommand", doc, RequestedResource.of(instance("i-0ccccccccccccccc0"))))
                    .allowed(), document + " on an instance outside the vault");
        }
        assertFalse(ops.decide(IamRequest.on("ssm:SendCommand", RequestedResource.of(arn("ssm",
                "document/strongroom-metadata-deferred")), vaultHost(HOST_A))).allowed(), "the Lambda's hand-over is the Lambda's");
        for (String write : List.of("releases/1.4.0/strongroom-1.4.0.tar.gz", "releases/1.4.0/SHA256SUMS",
                "releases/strongroom-metadata-lambda.zip")) {
            assertFalse(ops.decide(IamRequest.of("s3:PutObject", "arn:aws:s3:::" + ARTIFACTS + "/" + write)).allowed(), write);
        }
        assertFalse(ops.decide(IamRequest.of("kms:Sign", RELEASE_KEY)).allowed());
    }

    @Test
    void onlyReleasePublishersSignAndUploadReleasesAndOnlyAsTheHostsVerifyThem() {
        IamRequest sign = IamRequest.of("kms:Sign", RELEASE_KEY).with("kms:SigningAlgorithm", "ECDSA_SHA_256")
                .with("kms:MessageType", "RAW");
        IamRequest upload = IamRequest.of("s3:PutObject", "arn:aws:s3:::" + ARTIFACTS + "/releases/1.4.0/SHA256SUMS.sig");
        Deployment.principals().forEach((name, principal) -> {
            boolean publisher = name.equals("release publishers");
            assertEquals(publisher, principal.decide(sign).allowed(), name + " signs releases");
            assertEquals(publisher, principal.decide(upload).allowed(), name + " uploads releases");
        });
        PolicyEvaluator publishers = Deployment.principal("release publishers");
        assertFalse(publishers.decide(IamRequest.of("kms:Sign", RELEASE_KEY).with("kms:SigningAlgorithm", "ECDSA_SHA_256")
                .with("kms:MessageType", "DIGEST")).allowed(), "a digest signed blind is not a signed SHA256SUMS");
        assertAllowed("vault host", IamRequest.of("kms:GetPublicKey", RELEASE_KEY));
        assertAllowed("vault host", IamRequest.of("s3:GetObject", "arn:aws:s3:::" + ARTIFACTS
                + "/releases/1.4.0/strongroom-1.4.0.tar.gz"));
        assertFalse(Deployment.principal("vault host").decide(IamRequest.of("s3:PutObject", "arn:aws:s3:::" + ARTIFACTS
                + "/releases/1.4.0/strongroom-1.4.0.tar.gz")).allowed(), "a host never writes a release");
    }

    @Test
    void theBucketPolicyLetsUploadPartsThroughAndRefusesOtherEncryptionAndPlainHttp() {
        PolicyEvaluator host = Deployment.principal("vault host").and(Deployment.policy("bucket-policy-primary.json"));
        String object = "arn:aws:s3:::" + BUCKET + "/documents/0f3a";
        IamRequest tls = IamRequest.of("s3:PutObject", object).with("aws:SecureTransport", "true");
        assertAllowed(host, tls.with("s3:x-amz-server-side-encryption", "aws:kms")
                .with("s3:x-amz-server-side-encryption-aws-kms-key-id", DATA_KEY));
        assertAllowed(host, tls); // an UploadPart carries no encryption header: the bucket's default (the data key) applies
        assertEquals("EXPLICITLY_DENIED", host.decide(tls.with("s3:x-amz-server-side-encryption", "AES256"))
                .outcome().name());
        assertEquals("EXPLICITLY_DENIED", host.decide(tls.with("s3:x-amz-server-side-encryption", "aws:kms")
                .with("s3:x-amz-server-side-encryption-aws-kms-key-id", arn("kms", "key/another"))).outcome().name());
        assertEquals("EXPLICITLY_DENIED", host.decide(IamRequest.of("s3:GetObject", object)
                .with("aws:SecureTransport", "false")).outcome().name());
    }

    @Test
    void theS3EndpointLetsTheHostsReachTheVaultsBucketsAndTheOsRepositoriesOnly() {
        PolicyEvaluator endpoint = new PolicyEvaluator(List.of(Deployment.policy("vpc-endpoint-s3.json")));
        IamRequest mine = IamRequest.of("s3:PutObject", "arn:aws:s3:::" + BUCKET + "/documents/0f3a")
                .with("aws:PrincipalAccount", ACCOUNT);
        assertAllowed(endpoint, mine);
        assertAllowed(endpoint, IamRequest.of("s3:GetObject", "arn:aws:s3:::" + ARTIFACTS + "/releases/1.4.0/SHA256SUMS")
                .with("aws:PrincipalAccount", ACCOUNT));
        assertAllowed(endpoint, IamRequest.of("s3:GetObject", "arn:aws:s3:::al2023-repos-" + REGION
                + "-de612dc2/core/mirrors/latest/x86_64/mirror.list"));
        assertFalse(endpoint.decide(IamRequest.of("s3:PutObject", "arn:aws:s3:::someone-elses-bucket/stolen")
                .with("aws:PrincipalAccount", ACCOUNT)).allowed(), "no copy out to another bucket");
        assertFalse(endpoint.decide(IamRequest.of("s3:PutObject", "arn:aws:s3:::" + BUCKET + "/documents/0f3a")
                .with("aws:PrincipalAccount", "444455556666")).allowed(), "another account's credentials");
        assertFalse(endpoint.decide(IamRequest.of("s3:PutObject", "arn:aws:s3:::" + ARTIFACTS + "/releases/x")
                .with("aws:PrincipalAccount", ACCOUNT)).allowed());
    }

    private static void assertAllowed(String principal, IamRequest request) {
        assertAllowed(Deployment.principal(principal), request);
    }

    private static void assertAllowed(PolicyEvaluator evaluator, IamRequest request) {
        var decision = evaluator.decide(request);
        assertTrue(decision.allowed(), request + ": " + decision);
    }
}
