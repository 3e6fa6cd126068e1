package dev.strongroom.metadata.lambda;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the documents an invocation is about. Three shapes arrive, all as JSON:
 * <ul>
 * <li>an S3 event notification (S3 invokes the function directly);</li>
 * <li>an SQS event whose records' bodies are S3 event notifications (the function reads a queue);</li>
 * <li>S3's {@code s3:TestEvent}, sent once when a notification is configured: nothing to do.</li>
 * </ul>
 * The events are deserialized by the Lambda runtime's own serializers, so keys decode exactly as for
 * a typed handler ({@code +} is a space, then %xx). Only {@code ObjectCreated} records for keys under
 * {@code documents/} are kept.
 */
public final class S3Events {

    private static final System.Logger LOG = System.getLogger(S3Events.class.getName());
    static final String DOCUMENTS = "documents/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PojoSerializer<S3Event> s3Events;
    private final PojoSerializer<SQSEvent> sqsEvents;

    public S3Events() {
        ClassLoader loader = S3Events.class.getClassLoader();
        this.s3Events = LambdaEventSerializers.serializerFor(S3Event.class, loader);
        this.sqsEvents = LambdaEventSerializers.serializerFor(SQSEvent.class, loader);
    }

    /** The created documents the event names; empty for test events and records about other keys. */
    public List<ObjectCreated> documentsIn(String json) {
        JsonNode tree;
        try {
            tree = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("the event is not JSON: " + e.getMessage(), e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IllegalArgumentException("the event is not a JSON object");
        }
        if ("s3:TestEvent".equals(tree.path("Event").asText())) {
            LOG.log(Level.INFO, "S3 test event for bucket {0}: nothing to do", tree.path("Bucket").asText());
            return List.of();
        }
        if (!tree.path("Records").isArray()) {
            throw new IllegalArgumentException("the event has no Records: neither an S3 nor an SQS event");
        }
        if ("aws:sqs".equals(tree.path("Records").path(0).path("eventSource").asText())) {
            List<ObjectCreated> all = new ArrayList<>();
            for (SQSEvent.SQSMessage message : sqsEvents.fromJson(json).getRecords()) {
                all.addAll(documentsIn(message.getBody()));
            }
            return all;
        }
        List<ObjectCreated> created = new ArrayList<>();
        for (S3EventNotificationRecord record : s3Events.fromJson(json).getRecords()) {
            String key = record.getS3().getObject().getUrlDecodedKey();
            if (!"aws:s3".equals(record.getEventSource()) || record.getEventName() == null
                    || !record.getEventName().startsWith("ObjectCreated")) {
                LOG.log(Level.DEBUG, "Ignoring {0} on {1}", record.getEventName(), key);
                continue;
            }
            if (!key.startsWith(DOCUMENTS) || key.length() == DOCUMENTS.length()) {
                LOG.log(Level.DEBUG, "Ignoring {0}: not a document", key);
                continue;
            }
            Long size = record.getS3().getObject().getSizeAsLong();
            // An unversioned bucket's event (and some emulators') has no version: the deserializer says "".
            String version = record.getS3().getObject().getVersionId();
            created.add(new ObjectCreated(record.getS3().getBucket().getName(), key, size == null ? -1 : size,
                    version == null || version.isBlank() ? null : version));
        }
        return created;
    }
}
