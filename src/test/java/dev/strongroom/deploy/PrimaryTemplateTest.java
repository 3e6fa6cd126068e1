package dev.strongroom.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What deploy/strongroom.yaml promises that neither cfn-lint nor the emulator can check: settings
 * moto ignores (IMDSv2, SnapStart, the S3 notification), and the names other files must agree on.
 */
class PrimaryTemplateTest {

    private final CloudFormationTemplate template = CloudFormationTemplate.read("deploy/strongroom.yaml");

    @Test
    void theHostRequiresImdsV2AndItsDataVolumeIsWhatDlmSnapshots() throws IOException {
        JsonNode imds = template.resource("VaultInstance").at("/Properties/MetadataOptions");
        assertEquals("required", imds.get("HttpTokens").asText());
        assertEquals(1, imds.get("HttpPutResponseHopLimit").asInt());

        JsonNode volume = template.resource("DataVolume").path("Properties");
        assertTrue(volume.get("Encrypted").asBoolean());
        assertEquals("gp3", volume.get("VolumeType").asText());
        JsonNode dlmTarget = new ObjectMapper().readTree(Path.of("policies/dlm-policy.json").toFile())
                .at("/PolicyDetails/TargetTags/0");
        boolean tagged = false;
        for (JsonNode tag : volume.get("Tags")) {
            tagged |= tag.get("Key").equals(dlmTarget.get("Key")) && tag.get("Value").equals(dlmTarget.get("Value"));
        }
        assertTrue(tagged, "the data volume carries the DLM policy's target tag " + dlmTarget);
        assertEquals("Snapshot", template.resource("DataVolume").get("DeletionPolicy").asText());
        // The vault's snapshot code looks for its data volume at this device (strongroom.snapshots.data-device).
        assertEquals("/dev/sdf", template.resource("DataVolumeAttachment").at("/Properties/Device").asText());
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
}
