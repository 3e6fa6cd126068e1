package dev.strongroom.audit.cloudwatch;

import java.util.List;

/**
 * The result of comparing CloudWatch Logs with the journal for a time range.
 *
 * @param firstSeq the first journal event in the range (null when the range holds none)
 * @param lastSeq the last journal event in the range that was due in CloudWatch (shipped)
 * @param journalEvents journal events compared (firstSeq..lastSeq)
 * @param cloudWatchEvents distinct events CloudWatch holds in that span
 * @param duplicates extra copies of events CloudWatch holds (harmless re-sends)
 * @param notYetShipped events of the range the shipper has not had confirmed yet (not findings)
 * @param findingCount all findings; {@code findings} lists at most the first 200
 */
public record ConsistencyReport(String id, String checkedAt, String from, String to, String logGroup, String stream,
        Long firstSeq, Long lastSeq, long journalEvents, long cloudWatchEvents, long duplicates, long notYetShipped,
        boolean ok, int findingCount, List<CheckFinding> findings) {
}
