package dev.strongroom.metadata.sync;

import dev.strongroom.StartupOrder;
import dev.strongroom.aws.AwsConfig;
import dev.strongroom.aws.AwsSettings;
import dev.strongroom.aws.S3ClientFactory;
import dev.strongroom.metadata.MetadataConfig;
import dev.strongroom.metadata.lambda.LambdaSettings;
import dev.strongroom.metadata.lambda.MetadataHandler;
import dev.strongroom.metadata.lambda.SsmHandover;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * Stands in for S3 invoking the metadata Lambda where there is no Lambda: the local emulator, where S3
 * notifies an SQS queue instead. One daemon thread long-polls that queue and hands each message body,
 * unchanged, to the very handler class the Lambda runs ({@link MetadataHandler#handle(String)}). A message
 * is deleted only after the handler succeeded; a failure leaves it to reappear after its visibility
 * timeout, and once it has been received {@code max-receives} times the queue's redrive policy moves it
 * to the dead-letter queue and this logs it as an error.
 * <p>
 * Off by default ({@code strongroom.metadata.runner.enabled}); on in the dev profile and under
 * deploy/local/with-emulator.sh. On AWS, S3 invokes the real Lambda and this stays off.
 */
@ApplicationScoped
public class SqsEventRunner {

    private static final Logger LOG = Logger.getLogger(SqsEventRunner.class);
    private static final long FIRST_BACKOFF_MILLIS = 5_000;
    private static final long LONGEST_BACKOFF_MILLIS = 300_000;

    private final MetadataConfig config;
    private final AwsConfig aws;
    private final SqsClient sqs;
    private final SsmClient ssm;
    private volatile boolean running;
    private Thread thread;

    public SqsEventRunner(MetadataConfig config, AwsConfig aws, SqsClient sqs, SsmClient ssm) {
        this.config = config;
        this.aws = aws;
        this.sqs = sqs;
        this.ssm = ssm;
    }

    void start(@Observes @Priority(StartupOrder.BACKGROUND) StartupEvent event) {
        if (!config.runner().enabled()) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "metadata-sqs-runner");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Metadata runner polls SQS queue %s and feeds the metadata Lambda's handler in-process",
                config.runner().queue());
    }

    private void loop() {
        MetadataHandler handler = null;
        S3Client handlerS3 = null;
        String queueUrl = null;
        long backoff = FIRST_BACKOFF_MILLIS;
        try {
            while (running) {
                try {
                    if (queueUrl == null) {
                        String name = config.runner().queue();
                        queueUrl = sqs.getQueueUrl(b -> b.queueName(name)).queueUrl();
                    }
                    String url = queueUrl;
                    int wait = (int) Math.min(20, config.runner().waitTime().toSeconds());
                    int visibility = (int) config.runner().visibilityTimeout().toSeconds();
                    for (Message message : sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                            .waitTimeSeconds(wait).visibilityTimeout(visibility)
                            .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                            .messages()) {
                        if (!running) {
                            return;
                        }
                        if (handler == null) {
                            // Its own S3 client, closed only when this thread is done with it: the shared one
                            // closes at a stop while a message may still be in the handler.
                            handlerS3 = S3ClientFactory.create(AwsSettings.of(aws), aws.region());
                            handler = new MetadataHandler(settings(), handlerS3, Optional.of(ssm));
                        }
                        deliver(handler, url, message);
                    }
                    backoff = FIRST_BACKOFF_MILLIS;
                } catch (RuntimeException e) {
                    // At a stop the client closes under a long poll still waiting; that ends the loop quietly.
                    if (running) {
                        // Doubling, so a vault started without its queue (dev mode, no emulator) does not flood the log.
                        LOG.warnf("Metadata runner cannot read SQS queue %s (%s); retrying in %d s",
                                config.runner().queue(), e.getMessage(), backoff / 1000);
                        queueUrl = null;
                        pause(backoff);
                        backoff = Math.min(backoff * 2, LONGEST_BACKOFF_MILLIS);
                    }
                }
            }
        } finally {
            if (handler != null) {
                handler.close();
            }
            if (handlerS3 != null) {
                handlerS3.close();
            }
        }
    }

    private void deliver(MetadataHandler handler, String queueUrl, Message message) {
        try {
            Map<String, String> outcomes = handler.handle(message.body());
            sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            if (!outcomes.isEmpty()) {
                LOG.infof("Metadata runner: message %s done: %s", message.messageId(), outcomes);
            }
        } catch (Exception e) {
            int received = Integer.parseInt(message.attributes()
                    .getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"));
            if (received >= config.runner().maxReceives()) {
                LOG.errorf(e, "Metadata runner: message %s failed on its %d. receive, the last one; the queue moves it "
                        + "to the dead-letter queue. Its documents stay PENDING until someone looks. Body: %s",
                        message.messageId(), received, message.body());
            } else {
                LOG.warnf("Metadata runner: message %s failed (receive %d of %d), it returns after its visibility "
                        + "timeout: %s", message.messageId(), received, config.runner().maxReceives(), e.toString());
            }
        }
    }

    /** The handler's settings, as the Lambda's environment would give them. */
    private LambdaSettings settings() {
        MetadataConfig.Runner runner = config.runner();
        return new LambdaSettings(aws.region(), aws.endpoint().filter(e -> !e.isBlank()).map(URI::create),
                runner.deferAboveBytes(), config.limits().toLimits(config.limits().timeout(), 1),
                runner.ssmInstanceId().filter(i -> !i.isBlank()).map(instance -> new SsmHandover.Target(instance,
                        LambdaSettings.DEFAULT_SSM_DOCUMENT, LambdaSettings.DEFAULT_SSM_COMMAND)));
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking messages at the start of a stop, without interrupting the thread: an interrupt lands
     * in the handler's extraction and fails it noisily. A message being handled is left to finish or
     * to the process's exit (the thread is a daemon); one not deleted returns after its visibility
     * timeout.
     */
    void stop(@Observes @Priority(40) ShutdownEvent event) {
        running = false;
    }
}
