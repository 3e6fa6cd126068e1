/**
 * EBS snapshots of the data volume, and coming back from one.
 * <ul>
 * <li>The <em>policy</em> is the DLM lifecycle policy that snapshots volumes tagged Backup=true;
 * policies/dlm-policy.json is its single source, and a deployed policy that is missing, disabled or
 * short of it (schedules, retention, cross-region copy) is <em>non-compliant</em>.</li>
 * <li>The <em>identity</em> is the instance, its availability zone and the data volume: IMDSv2 and
 * EC2 on AWS, configuration elsewhere.</li>
 * <li>A <em>restore</em> creates a new volume from a snapshot and attaches it next to the current
 * one; the host's script mounts it as the data directory and leaves a <em>marker</em> there.</li>
 * <li>The <em>journal replay</em> happens at the first start on a marked volume: the audit events
 * the S3 backup holds past the snapshot are appended, so the chain continues.</li>
 * <li>The <em>reconcile</em> then brings the catalog and the blobs up to the backup and reports
 * what was verified, fetched and failed.</li>
 * </ul>
 */
package dev.strongroom.snapshots;
