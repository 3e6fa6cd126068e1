/**
 * Operational metrics in CloudWatch. A <em>metric</em> is one named value per period in the
 * {@code Strongroom} namespace: a <em>gauge</em> (backup lag, documents pending backup, audit
 * shipping lag, free disk) is the value at sending time; a <em>count</em> (login failures, integrity
 * failures, backup failures) is the number of such events in the audit journal since the previous
 * delivered period. The alarms on them live in deploy/cloudwatch.yaml.
 */
package dev.strongroom.metrics;
