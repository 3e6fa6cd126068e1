package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.strongroom.deploy.LeastPrivilegeCheck.UnscopableAction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every IAM policy in policies/ grants named actions on the stack's own ARNs, and the check has teeth. */
class LeastPrivilegeTest {

    /**
     * The only actions that may have the resource "*": AWS's service authorization reference lists no
     * resource type for them (or, for the agent channels, none a policy can name in advance).
     */
    static final List<UnscopableAction> ALLOW_LIST = List.of(
            // Describe calls of EC2 are unscopable; the vault and DLM list volumes and snapshots with them.
            new UnscopableAction("ec2:DescribeSnapshots", null, "EC2 Describe* support no resource-level permissions"),
            new UnscopableAction("ec2:DescribeVolumes", null, "EC2 Describe* support no resource-level permissions"),
            new UnscopableAction("ec2:DescribeInstances", null, "EC2 Describe* support no resource-level permissions"),
            new UnscopableAction("ec2:DescribeInstanceStatus", null, "EC2 Describe* support no resource-level permissions"),
            new UnscopableAction("elasticloadbalancing:DescribeTargetHealth", null,
                    "ELB Describe* support no resource-level permissions"),
            new UnscopableAction("dlm:GetLifecyclePolicies", null, "listing DLM policies has no resource type"),
            // Metrics have no ARN; the namespace condition keeps the vault inside its own namespace.
            new UnscopableAction("cloudwatch:PutMetricData", "cloudwatch:namespace",
                    "metrics have no ARN; narrowed to the Strongroom namespace"),
            // The SSM agent's message channels (Run Command, Session Manager) have no resource type.
            new UnscopableAction("ec2messages:AcknowledgeMessage", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ec2messages:DeleteMessage", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ec2messages:FailMessage", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ec2messages:GetEndpoint", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ec2messages:GetMessages", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ec2messages:SendReply", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ssmmessages:CreateControlChannel", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ssmmessages:CreateDataChannel", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ssmmessages:OpenControlChannel", null, "SSM agent channel, no resource type"),
            new UnscopableAction("ssmmessages:OpenDataChannel", null, "SSM agent channel, no resource type"),
            // Following Run Command invocations: these SSM list/get calls have no resource type.
            new UnscopableAction("ssm:ListCommands", null, "no resource type"),
            new UnscopableAction("ssm:ListCommandInvocations", null, "no resource type"),
            new UnscopableAction("ssm:GetCommandInvocation", null, "no resource type"));

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LeastPrivilegeCheck check = new LeastPrivilegeCheck(ALLOW_LIST);

    @Test
    void everyPolicyInPoliciesGrantsOnlyNamedActionsOnScopedResources() throws IOException {
        List<String> findings = new ArrayList<>();
        List<Path> policies = policies();
        assertTrue(policies.size() >= 10, "the policies are in policies/: " + policies);
        for (Path file : policies) {
            findings.addAll(check.findings(file.toString(), JSON.readTree(file.toFile())));
        }
        assertEquals(List.of(), findings);
    }

    @Test
    void aStatementThatGainsEveryActionIsRejectedByName() throws IOException {
        ObjectNode copy = (ObjectNode) JSON.readTree(Path.of("policies/iam-vault-instance.json").toFile());
        ((ObjectNode) statement(copy, "ReadTheBackupWithItsLocksAndTheMetadataSidecars")).put("Action", "*");
        ((ObjectNode) statement(copy, "FindListAndReadTheReplicaForDrillsAndRestores")).putArray("Action").add("s3:*");

        List<String> findings = check.findings("copy of iam-vault-instance.json", copy);

        assertEquals(List.of(
                "copy of iam-vault-instance.json statement ReadTheBackupWithItsLocksAndTheMetadataSidecars: wildcard action \"*\"",
                "copy of iam-vault-instance.json statement FindListAndReadTheReplicaForDrillsAndRestores: wildcard action \"s3:*\""), findings);
    }

    @Test
    void aStatementThatGainsAWildcardResourceItDoesNotNeedIsRejectedByName() throws IOException {
        ObjectNode copy = (ObjectNode) JSON.readTree(Path.of("policies/iam-metadata-lambda.json").toFile());
        ((ObjectNode) statement(copy, "WriteMetadataSidecars")).put("Resource", "*");
        ((ObjectNode) statement(copy, "ReadUploadedDocuments")).put("Resource", "arn:${AWS::Partition}:s3:::*");

        List<String> findings = check.findings("copy of iam-metadata-lambda.json", copy);

        assertEquals(List.of(
                "copy of iam-metadata-lambda.json statement ReadUploadedDocuments: resource \"*\" for s3:GetObject, "
                        + "which AWS lets a policy scope to ARNs",
                "copy of iam-metadata-lambda.json statement ReadUploadedDocuments: resource \"*\" for "
                        + "s3:GetObjectVersion, which AWS lets a policy scope to ARNs",
                "copy of iam-metadata-lambda.json statement WriteMetadataSidecars: resource \"*\" for s3:PutObject, "
                        + "which AWS lets a policy scope to ARNs"), findings);
    }

    @Test
    void anAllowListedActionLosesItsAllowanceWithoutItsCondition() throws IOException {
        ObjectNode copy = (ObjectNode) JSON.readTree(Path.of("policies/iam-audit-cloudwatch.json").toFile());
        ((ObjectNode) statement(copy, "SendMetricsToTheStrongroomNamespaceOnly")).remove("Condition");

        List<String> findings = check.findings("copy of iam-audit-cloudwatch.json", copy);

        assertEquals(List.of("copy of iam-audit-cloudwatch.json statement SendMetricsToTheStrongroomNamespaceOnly: "
                + "resource \"*\" for cloudwatch:PutMetricData without a condition on cloudwatch:namespace"), findings);
    }

    private static JsonNode statement(JsonNode policy, String sid) {
        for (JsonNode statement : policy.path("Statement")) {
            if (statement.path("Sid").asText().equals(sid)) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid);
    }

    /** Every policy document in policies/ (the bucket policies too: any Allow they gain is judged the same way). */
    private static List<Path> policies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("policies"))) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .filter(p -> !p.getFileName().toString().equals("dlm-policy.json")) // a DLM policy, not IAM
                    .sorted().toList();
        }
    }
}
