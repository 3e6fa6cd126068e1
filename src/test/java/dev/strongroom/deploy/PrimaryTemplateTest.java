package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.store.DataVolumeHealthCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * What deploy/strongroom.yaml promises that neither cfn-lint nor the emulator can check: settings
 * moto ignores (IMDSv2, SnapStart, the S3 notification, RDS's Multi-AZ and encryption, the listener's
 * certificate), the shape of several hosts, the alarms, the egress, and the names other files must
 * agree on.
 */
class PrimaryTemplateTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.read("deploy/strongroom.yaml");

    @Test
    void eachHostRequiresImdsV2AndHasItsOwnTaggedEncryptedDataVolumeThatDlmSnapshots() throws IOException {
        JsonNode dlmTarget = new ObjectMapper().readTree(Path.of("policies/dlm-policy.json").toFile())
                .at("/PolicyDetails/TargetTags/0");
        for (String host : List.of("A", "B")) {
            JsonNode instance = template.resource("VaultInstance" + host);
            JsonNode imds = instance.at("/Properties/MetadataOptions");
            assertEquals("required", imds.get("HttpTokens").asText());
            assertEquals(1, imds.get("HttpPutResponseHopLimit").asInt());
            assertEquals("PrivateSubnet" + host, instance.at("/Properties/SubnetId/Ref").asText());
            Map<String, String> instanceTags = tags(instance.at("/Properties/Tags"));
            assertEquals(host.toLowerCase(), instanceTags.get("strongroom:host"));
            assertEquals("${AWS::StackName}", instanceTags.get("strongroom:vault"));

            JsonNode volume = template.resource("DataVolume" + host);
            assertTrue(volume.at("/Properties/Encrypted").asBoolean());
            assertEquals("DataKey", volume.at("/Properties/KmsKeyId/Fn::GetAtt/0").asText());
            assertEquals("gp3", volume.at("/Properties/VolumeType").asText());
            assertEquals("Snapshot", volume.get("DeletionPolicy").asText());
            Map<String, String> volumeTags = tags(volume.at("/Properties/Tags"));
            assertEquals(dlmTarget.get("Value").asText(), volumeTags.get(dlmTarget.get("Key").asText()),
                    "the data volume carries the DLM policy's target tag");
            assertEquals(instanceTags.get("strongroom:vault"), volumeTags.get("strongroom:vault"),
                    "DLM copies this tag to the snapshots; the vault may restore only snapshots that carry it");
            assertEquals(host.toLowerCase(), volumeTags.get("strongroom:host"));
            assertEquals("VaultInstance" + host, volume.at("/Properties/AvailabilityZone/Fn::GetAtt/0").asText());
            // The vault's snapshot code looks for its data volume at this device (strongroom.snapshots.data-device).
            assertEquals("/dev/sdf", template.resource("DataVolumeAttachment" + host).at("/Properties/Device").asText());
        }
        assertEquals("SecondHost", template.resource("VaultInstanceB").path("Condition").asText());
        assertEquals(Set.of("0", "1"), Set.of(template.resource("PrivateSubnetA").at("/Properties/AvailabilityZone/Fn::Select/0")
                .asText(), template.resource("PrivateSubnetB").at("/Properties/AvailabilityZone/Fn::Select/0").asText()),
                "the hosts live in two zones");
    }

    @Test
    void withASecondHostEveryUploadIsInTheBucketBeforeItsAnswerSoBothHostsServeIt() {
        JsonNode env = template.resource("HostFiles").at("/Metadata/AWS::CloudFormation::Init/config/files")
                .path("/etc/strongroom/stack.env").at("/content/Fn::Sub");
        assertTrue(env.get(0).asText().contains("STRONGROOM_BACKUP_WRITE_THROUGH_ENABLED=\"${WriteThrough}\""),
                env.get(0).asText());
        assertEquals("SecondHost", env.get(1).at("/WriteThrough/Fn::If/0").asText());
        assertEquals("true", env.get(1).at("/WriteThrough/Fn::If/1").asText());
        assertEquals("false", env.get(1).at("/WriteThrough/Fn::If/2").asText());
    }

    @Test
    void theImageIsAPinnedParameterSoAStackUpdateNeverPicksANewOne() {
        JsonNode image = template.root().at("/Parameters/ImageId");
        assertEquals("AWS::EC2::Image::Id", image.path("Type").asText(), "an AMI id, not an SSM parameter that moves");
        assertFalse(image.has("Default"), "the image is chosen on purpose, each time");
        template.root().path("Parameters").forEach(parameter -> assertFalse(parameter.path("Default").asText()
                .startsWith("/aws/service/"), "no parameter looks an image up at deploy time: " + parameter));
        assertFalse(template.root().path("Resources").toString().contains("resolve:ssm"), "nor does a resource");
        for (String host : List.of("A", "B")) {
            assertEquals("ImageId", template.resource("VaultInstance" + host).at("/Properties/ImageId/Ref").asText());
        }
        // The release a new host installs is read at boot from a parameter, so changing it touches no instance.
        assertEquals("ReleaseVersion", template.resource("ReleaseVersionParameter").at("/Properties/Value/Ref").asText());
        assertFalse(template.resource("VaultInstanceA").toString().contains("ReleaseVersion"));
    }

    @Test
    void theCatalogIsAMultiAzEncryptedBackedUpPostgresWhosePasswordLivesInSecretsManager() {
        JsonNode database = template.resource("Database");
        JsonNode p = database.path("Properties");
        assertEquals("postgres", p.path("Engine").asText());
        assertTrue(p.path("MultiAZ").asBoolean());
        assertTrue(p.path("StorageEncrypted").asBoolean());
        assertEquals("DataKey", p.at("/KmsKeyId/Fn::GetAtt/0").asText());
        assertEquals("DatabaseBackupRetentionDays", p.at("/BackupRetentionPeriod/Ref").asText());
        assertTrue(template.root().at("/Parameters/DatabaseBackupRetentionDays/MinValue").asInt() >= 7);
        assertTrue(p.path("DeletionProtection").asBoolean());
        assertFalse(p.path("PubliclyAccessible").asBoolean());
        assertEquals("Snapshot", database.path("DeletionPolicy").asText());
        assertEquals("{{resolve:secretsmanager:${DatabaseSecret}:SecretString:password}}",
                p.at("/MasterUserPassword/Fn::Sub").asText(), "the password comes from the secret, not a parameter");
        assertEquals("DataKey", template.resource("DatabaseSecret").at("/Properties/KmsKeyId/Fn::GetAtt/0").asText());
        assertEquals(List.of("PrivateSubnetA", "PrivateSubnetB"), refs(template.resource("DatabaseSubnetGroup")
                .at("/Properties/SubnetIds")));
    }

    @Test
    void theStackSetsTheContractTheVaultReadsItsCatalogAndIdentityBy() throws IOException {
        String settings = template.resource("HostFiles")
                .at("/Metadata/AWS::CloudFormation::Init/config/files/~1etc~1strongroom~1stack.env/content/Fn::Sub/0")
                .asText();
        assertTrue(settings.contains("QUARKUS_DATASOURCE_JDBC_URL=\"jdbc:postgresql://${Database.Endpoint.Address}:"
                + "${Database.Endpoint.Port}/strongroom?sslmode=verify-full"), settings);
        assertTrue(settings.contains("STRONGROOM_DATABASE_SECRET_ARN=\"${DatabaseSecret}\""), settings);
        assertFalse(settings.contains("PASSWORD"), "no password is ever written to a host's disk");
        String bootstrap = Files.readString(Path.of("deploy/strongroom-bootstrap.sh"));
        assertTrue(bootstrap.contains("echo \"STRONGROOM_VAULT_HOST_ID=$host_id\""), "each host's identity, from its user data");
        String start = Files.readString(Path.of("deploy/strongroom-start.sh"));
        for (String variable : List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
                "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY")) {
            assertTrue(start.contains("export QUARKUS_DATASOURCE_USERNAME QUARKUS_DATASOURCE_PASSWORD "
                    + "QUARKUS_HTTP_AUTH_SESSION_ENCRYPTION_KEY") && start.contains(variable + "="), variable);
        }
    }

    @Test
    void anHttpsLoadBalancerWithAnAcmCertificateSendsRequestsToReadyHostsOnly() {
        JsonNode listener = template.resource("HttpsListener").path("Properties");
        assertEquals("HTTPS", listener.path("Protocol").asText());
        assertEquals(443, listener.path("Port").asInt());
        assertEquals("Certificate", listener.at("/Certificates/0/CertificateArn/Ref").asText());
        assertTrue(listener.path("SslPolicy").asText().startsWith("ELBSecurityPolicy-TLS13"));
        assertEquals("AWS::CertificateManager::Certificate", template.resource("Certificate").path("Type").asText());
        assertEquals("DNS", template.resource("Certificate").at("/Properties/ValidationMethod").asText());
        assertEquals(1, template.resourceTypes().values().stream()
                .filter(t -> t.equals("AWS::ElasticLoadBalancingV2::Listener")).count(), "no plain-HTTP listener");

        JsonNode group = template.resource("TargetGroup").path("Properties");
        assertEquals("/q/health/ready", group.path("HealthCheckPath").asText());
        assertTrue(DataVolumeHealthCheck.class.isAnnotationPresent(Readiness.class),
                "the vault answers /q/health/ready from its readiness checks");
        assertEquals("ServicePort", group.at("/Port/Ref").asText());
        assertEquals("VaultInstanceA", group.at("/Targets/0/Id/Ref").asText());
        assertEquals("VaultInstanceB", group.at("/Targets/1/Fn::If/1/Id/Ref").asText());
    }

    @Test
    void onlyTheLoadBalancerReachesTheHostsAndTheHostsReachOnlyS3TheEndpointsAndTheDatabase() {
        JsonNode balancer = template.resource("LoadBalancerSecurityGroup").path("Properties");
        assertEquals(1, balancer.path("SecurityGroupIngress").size());
        assertEquals(443, balancer.at("/SecurityGroupIngress/0/FromPort").asInt());
        assertEquals("ClientCidr", balancer.at("/SecurityGroupIngress/0/CidrIp/Ref").asText());
        JsonNode hosts = template.resource("VaultSecurityGroup").path("Properties");
        assertEquals("LoadBalancerSecurityGroup", hosts.at("/SecurityGroupIngress/0/SourceSecurityGroupId/Ref").asText());
        assertEquals(1, hosts.path("SecurityGroupIngress").size());

        Map<String, String> egress = new TreeMap<>();
        hosts.path("SecurityGroupEgress").forEach(rule -> egress.put("inline", destination(rule)));
        template.resourceTypes().forEach((id, type) -> {
            JsonNode rule = template.resource(id);
            if (type.equals("AWS::EC2::SecurityGroupEgress")
                    && rule.at("/Properties/GroupId/Fn::GetAtt/0").asText().equals("VaultSecurityGroup")) {
                egress.put(id + rule.path("Condition").asText(" (always)"), destination(rule.path("Properties")));
            }
        });
        assertEquals(Map.of("inline", "443 to prefix list S3PrefixListId",
                "HostsToEndpoints (always)", "443 to EndpointSecurityGroup",
                "HostsToDatabase (always)", "5432 to DatabaseSecurityGroup",
                "HostsToTheReplicaRegionCreateNatGateway", "443 to 0.0.0.0/0"), egress,
                "the one wide rule exists only with CrossRegionEgress");
        assertEquals("false", template.root().at("/Parameters/CrossRegionEgress/Default").asText());
        assertTrue(template.resource("S3Endpoint").at("/Properties/PolicyDocument").isObject(), "the S3 endpoint has a policy");
        JsonNode flowLog = template.resource("FlowLog").path("Properties");
        assertEquals("Vpc", flowLog.at("/ResourceId/Ref").asText());
        assertEquals("ALL", flowLog.path("TrafficType").asText());
    }

    @Test
    void alarmsWatchReplicationLagDlmFailuresStatusChecksLambdaErrorsAndTheTopicIsEncrypted() {
        Map<String, String> alarmed = new TreeMap<>();
        List<String> silent = new ArrayList<>();
        for (String file : List.of("deploy/strongroom.yaml", "deploy/snapshots.yaml", "deploy/cloudwatch.yaml")) {
            CloudFormationTemplate t = CloudFormationTemplate.read(file);
            t.resourceTypes().forEach((id, type) -> {
                if (type.equals("AWS::CloudWatch::Alarm")) {
                    JsonNode p = t.resource(id).path("Properties");
                    if (p.path("AlarmActions").isEmpty()) {
                        silent.add(file + " " + id);
                    }
                    List<String> metrics = new ArrayList<>();
                    if (p.has("MetricName")) {
                        metrics.add(p.path("Namespace").asText() + " " + p.path("MetricName").asText());
                    }
                    p.path("Metrics").forEach(m -> {
                        if (m.has("MetricStat")) {
                            metrics.add(m.at("/MetricStat/Metric/Namespace").asText() + " "
                                    + m.at("/MetricStat/Metric/MetricName").asText());
                        }
                    });
                    metrics.forEach(metric -> alarmed.put(metric, id));
                }
            });
        }
        assertEquals(List.of(), silent, "every alarm notifies");
        for (String metric : List.of("AWS/S3 ReplicationLatency", "AWS/S3 OperationsFailedReplication",
                "AWS/EBS SnapshotsCreateFailed", "AWS/EBS SnapshotsDeleteFailed", "AWS/EBS SnapshotsCopiedRegionFailed",
                "AWS/EC2 StatusCheckFailed_System", "AWS/EC2 StatusCheckFailed_Instance", "AWS/Lambda Errors",
                "AWS/ApplicationELB UnHealthyHostCount", "AWS/RDS FreeStorageSpace")) {
            assertTrue(alarmed.containsKey(metric), "an alarm on " + metric + ": " + alarmed.keySet());
        }
        assertTrue(template.resource("PrimaryBucket").at("/Properties/ReplicationConfiguration/Rules/0/Destination/Metrics/Status")
                .asText().equals("Enabled"), "S3 sends the replication metrics only when the rule asks for them");
        CloudFormationTemplate monitoring = CloudFormationTemplate.read("deploy/cloudwatch.yaml");
        assertEquals("AlarmTopicKey", monitoring.resource("AlarmTopic").at("/Properties/KmsMasterKeyId/Ref").asText());
        assertTrue(monitoring.resource("AlarmTopicKey").toString().contains("cloudwatch.amazonaws.com"),
                "alarms may publish to the encrypted topic");
        JsonNode recover = template.resource("HostASystemStatusAlarm").at("/Properties/AlarmActions/0/Fn::Sub");
        assertTrue(recover.asText().endsWith(":ec2:recover"), "a host whose hardware fails is recovered");
    }

    @Test
    void deletedSnapshotsOfTheVaultStayInTheRecycleBin() {
        CloudFormationTemplate snapshots = CloudFormationTemplate.read("deploy/snapshots.yaml");
        JsonNode rule = snapshots.resource("RecycleBinRule").path("Properties");
        assertEquals("EBS_SNAPSHOT", rule.path("ResourceType").asText());
        assertEquals("strongroom:vault", rule.at("/ResourceTags/0/ResourceTagKey").asText());
        assertEquals("VaultName", rule.at("/ResourceTags/0/ResourceTagValue/Ref").asText());
        assertTrue(rule.has("LockConfiguration"), "a locked rule cannot be quietly disabled first");
    }

    @Test
    void uploadsToDocumentsInvokeTheSnapStartAliasOfTheMetadataLambda() {
        JsonNode function = template.resource("MetadataFunction").path("Properties");
        assertEquals("java21", function.get("Runtime").asText());
        assertEquals("PublishedVersions", function.at("/SnapStart/ApplyOn").asText());
        assertEquals("dev.strongroom.metadata.lambda.MetadataHandler::handleRequest",
                template.root().at("/Parameters/LambdaHandler/Default").asText());
        assertEquals("LambdaReservedConcurrency", function.at("/ReservedConcurrentExecutions/Ref").asText());
        assertEquals("MetadataDeadLetterQueue", function.at("/DeadLetterConfig/TargetArn/Fn::GetAtt/0").asText());

        JsonNode notification = template.resource("PrimaryBucket")
                .at("/Properties/NotificationConfiguration/LambdaConfigurations/0");
        assertEquals("MetadataAlias", notification.at("/Function/Ref").asText());
        assertEquals("documents/", notification.at("/Filter/S3Key/Rules/0/Value").asText());
        assertEquals("MetadataAlias", template.resource("MetadataInvokePermission").at("/Properties/FunctionName/Ref")
                .asText(), "S3 may invoke the alias it notifies");
        assertEquals("MetadataVersion",
                template.resource("MetadataAlias").at("/Properties/FunctionVersion/Fn::GetAtt/0").asText());
    }

    @Test
    void theBucketsOutliveTheStackAndLockInComplianceMode() {
        for (CloudFormationTemplate t : new CloudFormationTemplate[] {template,
                CloudFormationTemplate.read("deploy/replica.yaml")}) {
            t.resourceTypes().forEach((id, type) -> {
                if (type.equals("AWS::S3::Bucket") || type.equals("AWS::KMS::Key")) {
                    assertEquals("Retain", t.resource(id).path("DeletionPolicy").asText(), t.file() + " " + id);
                }
                if (type.equals("AWS::S3::Bucket")) {
                    JsonNode properties = t.resource(id).path("Properties");
                    assertEquals("COMPLIANCE", properties.at("/ObjectLockConfiguration/Rule/DefaultRetention/Mode")
                            .asText(), t.file() + " " + id);
                    assertEquals("Enabled", properties.at("/VersioningConfiguration/Status").asText());
                    assertEquals("aws:kms", properties
                            .at("/BucketEncryption/ServerSideEncryptionConfiguration/0/ServerSideEncryptionByDefault/SSEAlgorithm")
                            .asText());
                }
            });
        }
    }

    private static String destination(JsonNode rule) {
        String port = rule.path("FromPort").asText();
        if (rule.has("DestinationPrefixListId")) {
            return port + " to prefix list " + rule.at("/DestinationPrefixListId/Ref").asText();
        }
        if (rule.has("DestinationSecurityGroupId")) {
            return port + " to " + rule.at("/DestinationSecurityGroupId/Fn::GetAtt/0").asText();
        }
        return port + " to " + rule.path("CidrIp").asText();
    }

    private static Map<String, String> tags(JsonNode tags) {
        Map<String, String> found = new TreeMap<>();
        tags.forEach(tag -> found.put(tag.path("Key").asText(),
                tag.path("Value").isTextual() ? tag.path("Value").asText() : CloudFormationTemplate.asPolicyText(
                        tag.path("Value")).asText()));
        return found;
    }

    private static List<String> refs(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(item -> out.add(item.path("Ref").asText()));
        return out;
    }
}
