package dev.strongroom.deploy.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.strongroom.deploy.iam.Decision.Outcome;
import dev.strongroom.deploy.iam.IamRequest.RequestedResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator decides as the IAM User Guide's evaluation logic says, case by case. */
class PolicyEvaluatorTest {

    private static final String BUCKET = "arn:aws:s3:::vault";

    private static PolicyEvaluator policy(String statements) {
        try {
            return new PolicyEvaluator(List.of(IamPolicy.read("test", new ObjectMapper().readTree(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[" + statements.replace('\'', '"') + "]}"))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Outcome outcome(PolicyEvaluator evaluator, IamRequest request) {
        return evaluator.decide(request).outcome();
    }

    @Test
    void wildcardsInActionsIgnoreCaseAndInResourcesSpanSlashes() {
        PolicyEvaluator p = policy("{'Effect':'Allow','Action':'s3:Get*','Resource':'" + BUCKET + "/documents/*'}");
        assertEquals(Outcome.ALLOWED, outcome(p, IamRequest.of("s3:getobjectversion", BUCKET + "/documents/a/b")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(p, IamRequest.of("s3:PutObject", BUCKET + "/documents/a")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(p, IamRequest.of("s3:GetObject", BUCKET + "/Documents/a")),
                "resource ARNs are case-sensitive");
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(p, IamRequest.of("s3:GetObject", BUCKET + "/manifests/a")));
        PolicyEvaluator one = policy("{'Effect':'Allow','Action':'s3:GetObject','Resource':'" + BUCKET + "/d?'}");
        assertEquals(Outcome.ALLOWED, outcome(one, IamRequest.of("s3:GetObject", BUCKET + "/d1")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(one, IamRequest.of("s3:GetObject", BUCKET + "/d12")));
    }

    @Test
    void anActionWithoutResourceTypesMatchesOnlyTheStarResource() {
        PolicyEvaluator scoped = policy("{'Effect':'Allow','Action':'ec2:DescribeVolumes','Resource':'arn:aws:ec2:*:*:volume/*'}");
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(scoped, IamRequest.of("ec2:DescribeVolumes", "*")));
        PolicyEvaluator star = policy("{'Effect':'Allow','Action':'ec2:DescribeVolumes','Resource':'*'}");
        assertEquals(Outcome.ALLOWED, outcome(star, IamRequest.of("ec2:DescribeVolumes", "*")));
    }

    @Test
    void anExplicitDenyWinsAndNotActionNotResourceInvert() {
        PolicyEvaluator p = policy("{'Effect':'Allow','NotAction':'s3:DeleteObject','Resource':'*'},"
                + "{'Effect':'Deny','Action':'s3:GetObject','NotResource':'" + BUCKET + "/public/*'}");
        assertEquals(Outcome.ALLOWED, outcome(p, IamRequest.of("s3:GetObject", BUCKET + "/public/x")));
        assertEquals(Outcome.EXPLICITLY_DENIED, outcome(p, IamRequest.of("s3:GetObject", BUCKET + "/documents/x")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(p, IamRequest.of("s3:DeleteObject", BUCKET + "/public/x")));
    }

    @Test
    void everyResourceOfACallNeedsItsOwnAllowAndTagsBelongToTheirResource() {
        PolicyEvaluator p = policy("{'Effect':'Allow','Action':'ec2:AttachVolume','Resource':'arn:aws:ec2:*:*:volume/*',"
                + "'Condition':{'StringEquals':{'aws:ResourceTag/strongroom:vault':'v1'}}},"
                + "{'Effect':'Allow','Action':'ec2:AttachVolume','Resource':'${ec2:SourceInstanceARN}'}");
        String self = "arn:aws:ec2:eu-central-1:111122223333:instance/i-self";
        RequestedResource volume = RequestedResource.of("arn:aws:ec2:eu-central-1:111122223333:volume/vol-1");
        RequestedResource instance = RequestedResource.of(self);
        assertEquals(Outcome.ALLOWED, outcome(p, IamRequest.on("ec2:AttachVolume", volume.tagged("strongroom:vault", "v1"),
                instance).with("ec2:SourceInstanceARN", self)));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(p, IamRequest.on("ec2:AttachVolume",
                volume.tagged("strongroom:vault", "v2"), instance).with("ec2:SourceInstanceARN", self)),
                "the volume's tag names another vault");
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(p, IamRequest.on("ec2:AttachVolume",
                volume.tagged("strongroom:vault", "v1"), RequestedResource.of(self.replace("i-self", "i-other")))
                .with("ec2:SourceInstanceARN", self)), "another instance");
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(p, IamRequest.on("ec2:AttachVolume",
                volume.tagged("strongroom:vault", "v1"), instance)),
                "credentials used off the instance carry no ec2:SourceInstanceARN, so the variable matches nothing");
    }

    @Test
    void negatedOperatorsHoldForAMissingKeyAndIfExistsForgivesAMissingKey() {
        PolicyEvaluator deny = policy("{'Effect':'Allow','Action':'s3:PutObject','Resource':'*'},"
                + "{'Effect':'Deny','Action':'s3:PutObject','Resource':'*',"
                + "'Condition':{'StringNotEqualsIfExists':{'s3:x-amz-server-side-encryption':'aws:kms'}}}");
        IamRequest put = IamRequest.of("s3:PutObject", BUCKET + "/x");
        assertEquals(Outcome.EXPLICITLY_DENIED, outcome(deny, put),
                "IfExists makes a missing key hold: an UploadPart, which carries no encryption header, is denied");
        assertEquals(Outcome.ALLOWED, outcome(deny, put.with("s3:x-amz-server-side-encryption", "aws:kms")));
        assertEquals(Outcome.EXPLICITLY_DENIED, outcome(deny, put.with("s3:x-amz-server-side-encryption", "AES256")));

        PolicyEvaluator notEquals = policy("{'Effect':'Allow','Action':'s3:PutObject','Resource':'*',"
                + "'Condition':{'StringNotEquals':{'s3:x-amz-acl':['public-read','public-read-write']}}}");
        assertEquals(Outcome.ALLOWED, outcome(notEquals, put), "the key is missing: a negated operator holds");
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(notEquals, put.with("s3:x-amz-acl", "public-read-write")));

        PolicyEvaluator equals = policy("{'Effect':'Allow','Action':'kms:Decrypt','Resource':'*',"
                + "'Condition':{'StringEquals':{'kms:ViaService':['s3.eu-central-1.amazonaws.com']}}}");
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(equals, IamRequest.of("kms:Decrypt", "arn:aws:kms:x:1:key/k")),
                "a direct call has no kms:ViaService");
        assertEquals(Outcome.ALLOWED, outcome(equals, IamRequest.of("kms:Decrypt", "arn:aws:kms:x:1:key/k")
                .with("KMS:VIASERVICE", "s3.eu-central-1.amazonaws.com")), "condition keys ignore case");
    }

    @Test
    void setQualifiersNullBoolNumericAndArnOperators() {
        PolicyEvaluator tags = policy("{'Effect':'Allow','Action':'ec2:CreateTags','Resource':'*',"
                + "'Condition':{'ForAllValues:StringEquals':{'aws:TagKeys':['a','b']},'Null':{'aws:RequestTag/a':'false'}}}");
        IamRequest create = IamRequest.of("ec2:CreateTags", "*");
        assertEquals(Outcome.ALLOWED, outcome(tags, create.with("aws:TagKeys", "a", "b").with("aws:RequestTag/a", "1")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(tags, create.with("aws:TagKeys", "a", "c")
                .with("aws:RequestTag/a", "1")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(tags, create.with("aws:TagKeys", "b")), "Null false: a is required");

        PolicyEvaluator any = policy("{'Effect':'Allow','Action':'ec2:CreateTags','Resource':'*',"
                + "'Condition':{'ForAnyValue:StringLike':{'aws:TagKeys':'strongroom:*'}}}");
        assertEquals(Outcome.ALLOWED, outcome(any, create.with("aws:TagKeys", "x", "strongroom:vault")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(any, create), "ForAnyValue needs a value");

        PolicyEvaluator mfa = policy("{'Effect':'Allow','Action':'sts:AssumeRole','Resource':'*',"
                + "'Condition':{'Bool':{'aws:MultiFactorAuthPresent':'true'},'NumericLessThan':{'aws:MultiFactorAuthAge':'3600'}}}");
        IamRequest assume = IamRequest.of("sts:AssumeRole", "*");
        assertEquals(Outcome.ALLOWED, outcome(mfa, assume.with("aws:MultiFactorAuthPresent", "true")
                .with("aws:MultiFactorAuthAge", "60")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(mfa, assume.with("aws:MultiFactorAuthPresent", "true")
                .with("aws:MultiFactorAuthAge", "7200")));

        PolicyEvaluator arn = policy("{'Effect':'Allow','Action':'ec2:AttachVolume','Resource':'*',"
                + "'Condition':{'ArnLike':{'ec2:SourceInstanceARN':'arn:aws:ec2:*:111122223333:instance/*'}}}");
        IamRequest attach = IamRequest.of("ec2:AttachVolume", "*");
        assertEquals(Outcome.ALLOWED, outcome(arn, attach.with("ec2:SourceInstanceARN",
                "arn:aws:ec2:eu-central-1:111122223333:instance/i-1")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(arn, attach.with("ec2:SourceInstanceARN",
                "arn:aws:ec2:eu-central-1:444455556666:instance/i-1")));
    }

    @Test
    void resourcePolicyStatementsApplyToTheirPrincipalsOnly() {
        PolicyEvaluator bucket = policy("{'Effect':'Allow','Principal':{'AWS':'arn:aws:iam::1:role/vault'},"
                + "'Action':'s3:GetObject','Resource':'" + BUCKET + "/*'}");
        IamRequest get = IamRequest.of("s3:GetObject", BUCKET + "/d");
        assertEquals(Outcome.ALLOWED, outcome(bucket, get.with("aws:PrincipalArn", "arn:aws:iam::1:role/vault")));
        assertEquals(Outcome.IMPLICITLY_DENIED, outcome(bucket, get.with("aws:PrincipalArn", "arn:aws:iam::1:role/ops")));
    }

    @Test
    void anOperatorTheEvaluatorDoesNotKnowIsRefusedNotIgnored() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> policy(
                "{'Effect':'Allow','Action':'s3:GetObject','Resource':'*','Condition':{'IpAddress':{'aws:SourceIp':'10.0.0.0/8'}}}"));
        assertTrue(e.getMessage().contains("IpAddress"), e.getMessage());
    }
}
