package dev.strongroom.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.strongroom.deploy.iam.IamPolicy;
import dev.strongroom.deploy.iam.PolicyEvaluator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One deployment of the stacks, as the policy documents in policies/ hold it once CloudFormation has
 * replaced their placeholders: an account, two regions, the buckets, keys and hosts of a vault named
 * {@value #VAULT}, and the principals of policies/README.md's table with their documents.
 */
final class Deployment {

    static final String ACCOUNT = "111122223333";
    static final String REGION = "eu-central-1";
    static final String REPLICA_REGION = "eu-west-1";
    static final String VAULT = "strongroom";
    static final String BUCKET = "acme-strongroom-backup";
    static final String REPLICA_BUCKET = "acme-strongroom-replica";
    static final String ARTIFACTS = "acme-strongroom-releases";
    static final String DATA_KEY = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/0d0d0d0d-data";
    static final String REPLICA_KEY = "arn:aws:kms:" + REPLICA_REGION + ":" + ACCOUNT + ":key/0e0e0e0e-replica";
    static final String RELEASE_KEY = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/0f0f0f0f-release";
    static final String DATABASE_SECRET = "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:strongroom-db-Ab12Cd";
    static final String HOST_A = "i-0aaaaaaaaaaaaaaaa";
    static final String HOST_B = "i-0bbbbbbbbbbbbbbbb";

    /** What CloudFormation puts in for each placeholder the documents use. */
    static final Map<String, String> VALUES = Map.ofEntries(
            Map.entry("AWS::Partition", "aws"), Map.entry("AWS::Region", REGION),
            Map.entry("AWS::AccountId", ACCOUNT), Map.entry("AWS::StackName", VAULT), Map.entry("VaultName", VAULT),
            Map.entry("BucketName", BUCKET), Map.entry("BackupBucketName", BUCKET),
            Map.entry("ReplicaBucket", REPLICA_BUCKET), Map.entry("ReplicaBucketArn", "arn:aws:s3:::" + REPLICA_BUCKET),
            Map.entry("ReplicaKmsKeyArn", REPLICA_KEY), Map.entry("ReplicaRegion", REPLICA_REGION),
            Map.entry("ArtifactBucket", ARTIFACTS), Map.entry("DataKey.Arn", DATA_KEY), Map.entry("DataKeyArn", DATA_KEY),
            Map.entry("ReleaseKeyArn", RELEASE_KEY), Map.entry("DatabaseSecret", DATABASE_SECRET),
            Map.entry("SessionKeySecret", "arn:aws:secretsmanager:" + REGION + ":" + ACCOUNT + ":secret:session-Ef34Gh"),
            Map.entry("MetadataDeadLetterQueue.Arn", "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":strongroom-dlq"),
            Map.entry("DeferDocumentName", "strongroom-metadata-deferred"), Map.entry("VaultInstanceA", HOST_A),
            Map.entry("AuditLogGroupName", "/strongroom/audit"), Map.entry("LogGroupName", "/strongroom/audit"));

    /** A row of policies/README.md's table. */
    record Row(String file, String principal, String deployedBy, String documentBytes) {
    }

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private Deployment() {
    }

    static String arn(String service, String resource) {
        return "arn:aws:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    static String instance(String id) {
        return arn("ec2", "instance/" + id);
    }

    /** A document with its placeholders replaced; IAM's own variables (${!x} in the file) left for IAM. */
    static JsonNode resolved(String file) {
        try {
            return resolve(new ObjectMapper().readTree(Path.of("policies", file).toFile()), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static IamPolicy policy(String file) {
        return IamPolicy.read(file, resolved(file));
    }

    /** Every row of the table in policies/README.md. */
    static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("policies/README.md"))) {
                String[] cells = line.strip().split("\\|");
                if (cells.length >= 6 && cells[1].strip().startsWith("`") && cells[1].strip().endsWith(".json`")) {
                    rows.add(new Row(cells[1].strip().replace("`", ""), cells[2].strip(), cells[3].strip(),
                            cells[4].strip()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Each principal of the table (not the resource policies) with every document it holds. */
    static Map<String, PolicyEvaluator> principals() {
        Map<String, List<IamPolicy>> grouped = new LinkedHashMap<>();
        for (Row row : table()) {
            if (!row.principal().equals("(resource)")) {
                grouped.computeIfAbsent(row.principal(), k -> new ArrayList<>()).add(policy(row.file()));
            }
        }
        Map<String, PolicyEvaluator> principals = new LinkedHashMap<>();
        grouped.forEach((name, policies) -> principals.put(name, new PolicyEvaluator(policies)));
        return principals;
    }

    static PolicyEvaluator principal(String name) {
        PolicyEvaluator evaluator = principals().get(name);
        if (evaluator == null) {
            throw new AssertionError("policies/README.md names no principal " + name);
        }
        return evaluator;
    }

    private static JsonNode resolve(JsonNode node, String file) {
        if (node.isTextual()) {
            Matcher m = PLACEHOLDER.matcher(node.asText());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value;
                if (name.startsWith("!")) {
                    value = "${" + name.substring(1) + "}";
                } else if (!name.startsWith("AWS::") && name.contains(":")) {
                    value = m.group();
                } else {
                    value = VALUES.get(name);
                    if (value == null) {
                        throw new AssertionError(file + " uses ${" + name + "}, which the test deployment has no value for");
                    }
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return TextNode.valueOf(out.toString());
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), resolve(e.getValue(), file)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(resolve(item, file)));
            return copy;
        }
        return node;
    }
}
