package dev.strongroom.metadata.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The three shapes an invocation arrives in, read the way Lambda's own serializers read them. */
class S3EventsTest {

    /** As S3 sends it: keys URL-encoded, a space as '+', a literal '+' as %2B. */
    static String s3Event(String eventName, String encodedKey) {
        return """
                {"Records":[{"eventVersion":"2.1","eventSource":"aws:s3","awsRegion":"eu-central-1",
                "eventTime":"2026-11-22T21:00:00.000Z","eventName":"%s",
                "userIdentity":{"principalId":"AWS:vault"},"requestParameters":{"sourceIPAddress":"127.0.0.1"},
                "responseElements":{"x-amz-request-id":"1","x-amz-id-2":"2"},
                "s3":{"s3SchemaVersion":"1.0","configurationId":"documents-created",
                "bucket":{"name":"strongroom-backup","ownerIdentity":{"principalId":"A"},
                "arn":"arn:aws:s3:::strongroom-backup"},
                "object":{"key":"%s","size":1234,"eTag":"e","versionId":"v1","sequencer":"0A"}}}]}
                """.formatted(eventName, encodedKey);
    }

    @Test
    void decodesKeysAsS3EncodesThem() {
        List<ObjectCreated> created = new S3Events()
                .documentsIn(s3Event("ObjectCreated:Put", "documents/Q3+report%2Bnotes%C3%A9"));
        assertEquals(List.of(new ObjectCreated("strongroom-backup", "documents/Q3 report+notesé", 1234, "v1")),
                created);
    }

    @Test
    void anEventWithoutVersionNamesNone() {
        String unversioned = s3Event("ObjectCreated:Put", "documents%2Fd-7").replace(",\"versionId\":\"v1\"", "");
        assertEquals(List.of(new ObjectCreated("strongroom-backup", "documents/d-7", 1234, null)),
                new S3Events().documentsIn(unversioned));
    }

    @Test
    void readsTheSameRecordsInsideAnSqsMessageBody() {
        String body = s3Event("ObjectCreated:CompleteMultipartUpload", "documents/d-42");
        String wrapped = "{\"Records\":[{\"messageId\":\"m1\",\"receiptHandle\":\"r\",\"eventSource\":\"aws:sqs\","
                + "\"eventSourceARN\":\"arn:aws:sqs:eu-central-1:123456789012:strongroom-documents\",\"body\":\""
                + new String(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(body))
                + "\"}]}";
        assertEquals(List.of(new ObjectCreated("strongroom-backup", "documents/d-42", 1234, "v1")),
                new S3Events().documentsIn(wrapped));
    }

    @Test
    void ignoresTestEventsOtherKeysAndOtherEvents() {
        S3Events events = new S3Events();
        assertEquals(List.of(), events.documentsIn(
                "{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\",\"Bucket\":\"strongroom-backup\"}"));
        assertEquals(List.of(), events.documentsIn(s3Event("ObjectCreated:Put", "manifests/run-1.json")));
        assertEquals(List.of(), events.documentsIn(s3Event("ObjectRemoved:Delete", "documents/d-42")));
    }

    @Test
    void refusesWhatIsNoEventAtAll() {
        S3Events events = new S3Events();
        assertThrows(IllegalArgumentException.class, () -> events.documentsIn("not json"));
        assertThrows(IllegalArgumentException.class, () -> events.documentsIn("{\"hello\":1}"));
    }
}
