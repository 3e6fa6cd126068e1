package dev.strongroom.audit.cloudwatch;

/** A journal line as read back from CloudWatch (parts already joined), with its log event timestamp. */
public record ShippedEvent(long seq, String line, long stamp) {
}
