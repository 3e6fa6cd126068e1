package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * policies/ and deploy/strongroom.service are the single sources: every IAM and bucket policy the
 * templates deploy is exactly one of those documents, and the host installs exactly that unit. The
 * documents write ARNs with Fn::Sub placeholders (${BucketName}, ${DataKey.Arn}, ${AWS::Region}),
 * which the embedding template must define.
 */
class DeploymentDocumentsAgreementTest {

    /** Where each document is deployed: template, resource, and the path of the document in it. */
    record Embedding(String template, String resource, String path, String document) {
        @Override
        public String toString() {
            return document + " in " + template + " " + resource;
        }
    }

    static List<Embedding> embeddings() {
        return List.of(
                new Embedding("deploy/strongroom.yaml", "VaultRole", "/Properties/Policies/0/PolicyDocument",
                        "policies/iam-vault-instance.json"),
                new Embedding("deploy/strongroom.yaml", "MetadataRole", "/Properties/Policies/0/PolicyDocument",
                        "policies/iam-metadata-lambda.json"),
                new Embedding("deploy/strongroom.yaml", "ReplicationRole", "/Properties/Policies/0/PolicyDocument",
                        "policies/iam-replication.json"),
                new Embedding("deploy/strongroom.yaml", "AuditorRole", "/Properties/Policies/0/PolicyDocument",
                        "policies/iam-auditor.json"),
                new Embedding("deploy/strongroom.yaml", "OpsRole", "/Properties/Policies/0/PolicyDocument",
                        "policies/iam-ops.json"),
                new Embedding("deploy/strongroom.yaml", "ReleaseRole", "/Properties/Policies/0/PolicyDocument",
                        "policies/iam-release.json"),
                new Embedding("deploy/strongroom.yaml", "FlowLogRole", "/Properties/Policies/0/PolicyDocument",
                        "policies/iam-flow-logs.json"),
                new Embedding("deploy/strongroom.yaml", "S3Endpoint", "/Properties/PolicyDocument",
                        "policies/vpc-endpoint-s3.json"),
                new Embedding("deploy/strongroom.yaml", "PrimaryBucketPolicy", "/Properties/PolicyDocument",
                        "policies/bucket-policy-primary.json"),
                new Embedding("deploy/replica.yaml", "ReplicaBucketPolicy", "/Properties/PolicyDocument",
                        "policies/bucket-policy-replica.json"),
                new Embedding("deploy/snapshots.yaml", "LifecycleRole", "/Properties/Policies/0/PolicyDocument",
                        "policies/iam-dlm.json"),
                new Embedding("deploy/snapshots.yaml", "InstanceSnapshotPolicy", "/Properties/PolicyDocument",
                        "policies/iam-snapshots.json"),
                new Embedding("deploy/cloudwatch.yaml", "InstancePolicy", "/Properties/PolicyDocument",
                        "policies/iam-audit-cloudwatch.json"));
    }

    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::Partition", "AWS::Region", "AWS::AccountId",
            "AWS::StackName", "AWS::StackId", "AWS::URLSuffix");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddings")
    void theTemplateDeploysExactlyThePolicyDocument(Embedding embedding) {
        JsonNode inTemplate = CloudFormationTemplate.asPolicyText(
                CloudFormationTemplate.read(embedding.template()).resource(embedding.resource()).at(embedding.path()));
        assertEquals(document(embedding.document()), inTemplate,
                embedding.template() + " " + embedding.resource() + " differs from " + embedding.document());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("embeddings")
    void everyPlaceholderOfTheDocumentIsDefinedByItsTemplate(Embedding embedding) {
        JsonNode template = CloudFormationTemplate.read(embedding.template()).root();
        Matcher m = PLACEHOLDER.matcher(document(embedding.document()).toString());
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("!") || !name.startsWith("AWS::") && name.contains(":")) {
                continue; // an IAM policy variable such as ${ec2:SourceInstanceARN}, evaluated by IAM, not CloudFormation
            }
            String logicalId = name.split("\\.")[0];
            assertTrue(PSEUDO_PARAMETERS.contains(name) || template.path("Parameters").has(name)
                    || template.path("Resources").has(logicalId),
                    embedding.document() + " uses ${" + name + "}, which " + embedding.template() + " does not define");
        }
    }

    @Test
    void everyPolicyTheTemplatesDeployComesFromPoliciesAndEveryDocumentThereIsDeployed() throws IOException {
        Set<String> embedded = embeddings().stream().map(e -> e.template() + " " + e.resource())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> deployed = new TreeSet<>();
        try (Stream<Path> templates = Files.list(Path.of("deploy"))) {
            for (Path file : templates.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                CloudFormationTemplate template = CloudFormationTemplate.read(file.toString());
                template.resourceTypes().forEach((id, type) -> {
                    JsonNode properties = template.resource(id).path("Properties");
                    boolean policy = switch (type) {
                        case "AWS::IAM::Role" -> properties.has("Policies");
                        case "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::S3::BucketPolicy" -> true;
                        case "AWS::EC2::VPCEndpoint" -> properties.has("PolicyDocument");
                        default -> false;
                    };
                    if (policy) {
                        deployed.add(file + " " + id);
                    }
                });
            }
        }
        assertEquals(embedded, deployed, "IAM and bucket policies in deploy/ that are not a policies/ document");

        Set<String> documents;
        try (Stream<Path> files = Files.list(Path.of("policies"))) {
            documents = files.map(Path::toString).filter(n -> n.endsWith(".json"))
                    .filter(n -> !n.endsWith("dlm-policy.json")) // a DLM policy, checked by SnapshotPolicyAgreementTest
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(documents, embeddings().stream().map(Embedding::document)
                .collect(Collectors.toCollection(TreeSet::new)), "documents in policies/ that no template deploys");
    }

    /** Each file cfn-init writes on a host, and the file in deploy/ it must be a copy of. */
    static List<String[]> hostFiles() {
        return List.of(new String[] {"/etc/systemd/system/strongroom.service", "deploy/strongroom.service"},
                new String[] {"/usr/local/sbin/strongroom-bootstrap", "deploy/strongroom-bootstrap.sh"},
                new String[] {"/usr/local/sbin/strongroom-release", "deploy/strongroom-release.sh"},
                new String[] {"/usr/local/libexec/strongroom-start", "deploy/strongroom-start.sh"});
    }

    @Test
    void theHostsInstallTheUnitAndScriptsOfDeployVerbatim() throws IOException {
        JsonNode files = hostFilesNode();
        Set<String> expected = new TreeSet<>(Set.of("/etc/strongroom/stack.env"));
        for (String[] file : hostFiles()) {
            expected.add(file[0]);
            assertEquals(Files.readString(Path.of(file[1]), StandardCharsets.UTF_8), files.path(file[0]).path("content")
                    .asText(), "deploy/strongroom.yaml HostFiles writes a different " + file[0] + " than " + file[1]);
        }
        Set<String> written = new TreeSet<>();
        files.fieldNames().forEachRemaining(written::add);
        assertEquals(expected, written, "the host files: each from deploy/, and the stack's settings");
        assertEquals("000600", files.at("/~1etc~1strongroom~1stack.env/mode").asText(),
                "the stack's settings stay root's (the vault reads its own copy)");
    }

    @Test
    void everyHostBootsTheSameWayAsItsOwnHostIdAndTheScriptsAreShellBashAccepts() throws Exception {
        CloudFormationTemplate template = CloudFormationTemplate.read("deploy/strongroom.yaml");
        String a = userData(template, "VaultInstanceA");
        String b = userData(template, "VaultInstanceB");
        assertTrue(a.endsWith("/usr/local/sbin/strongroom-bootstrap a\n"), a);
        assertTrue(a.contains("--resource HostFiles "), "cfn-init reads the host files from HostFiles: " + a);
        assertEquals(a.replace("\"a\"", "\"b\"").replace("strongroom-bootstrap a\n", "strongroom-bootstrap b\n"), b,
                "host b boots exactly as host a, as host b");
        for (String script : List.of(a, Files.readString(Path.of("deploy/strongroom-bootstrap.sh")))) {
            Path file = Files.createTempFile("user-data", ".sh");
            try {
                Files.writeString(file, script);
                Process bash = new ProcessBuilder("bash", "-n", file.toString()).redirectErrorStream(true).start();
                String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(bash.waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, bash.exitValue(), "bash -n:\n" + out);
            } finally {
                Files.delete(file);
            }
        }
    }

    private static String userData(CloudFormationTemplate template, String instance) {
        JsonNode sub = template.resource(instance).at("/Properties/UserData/Fn::Base64/Fn::Sub");
        Map<String, String> values = new HashMap<>();
        Matcher m = PLACEHOLDER.matcher(sub.asText());
        while (m.find()) {
            values.put(m.group(1), "placeholder-" + m.group(1).replaceAll("[^A-Za-z0-9]", "-"));
        }
        return CloudFormationTemplate.resolve(new ObjectMapper().createObjectNode().put("Fn::Sub", sub.asText()), values)
                .asText();
    }

    private static JsonNode hostFilesNode() {
        return CloudFormationTemplate.read("deploy/strongroom.yaml").resource("HostFiles")
                .at("/Metadata/AWS::CloudFormation::Init/config/files");
    }

    private static JsonNode document(String file) {
        try {
            return new ObjectMapper().readTree(Path.of(file).toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
