package dev.strongroom.audit.cloudwatch;

/**
 * One difference between CloudWatch and the journal, over a range of sequence numbers.
 *
 * @param kind {@code missing} (in the journal, not in CloudWatch), {@code extra} (in CloudWatch, not
 *        in the journal), {@code changed} (CloudWatch holds it differently), {@code conflict} (CloudWatch
 *        holds two different events under one number), {@code out-of-order} (the stream has it after a
 *        later one), {@code incomplete} (parts of an oversized event are missing) or
 *        {@code unrecognised} (a message in the stream is no journal event)
 */
public record CheckFinding(String kind, long fromSeq, long toSeq, String message) {
}
