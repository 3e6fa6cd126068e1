/**
 * The audit trail in CloudWatch Logs, the auditors' system of record.
 * <ul>
 * <li>The <em>stream</em> is this instance's log stream in the audit log group; it holds the whole
 * journal of one vault, each log event's message being one journal line unchanged.</li>
 * <li>A <em>batch</em> is one PutLogEvents call, cut within the service's limits; a <em>part</em> is
 * one piece of a line too large for one log event (the rule is in {@link
 * dev.strongroom.audit.cloudwatch.EventParts}).</li>
 * <li>The <em>stamp</em> is a log event's timestamp: the event's time, never going back and never
 * older than CloudWatch accepts.</li>
 * <li>The <em>checkpoint</em> is the last event CloudWatch confirmed, on the data volume; a
 * <em>resync</em> reads the stream past it to adopt what landed without being checkpointed.</li>
 * <li><em>Lag</em> is the age of the oldest durable event not yet confirmed.</li>
 * <li>The <em>consistency check</em> compares the stream with the journal for a time range.</li>
 * </ul>
 * Details in docs/cloudwatch-audit.md.
 */
package dev.strongroom.audit.cloudwatch;
