package dev.strongroom.audit.cloudwatch;

/** CloudWatch Logs could not be read (after the SDK's retries): a check or export cannot run now. */
public class CloudWatchUnavailable extends RuntimeException {

    public CloudWatchUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
