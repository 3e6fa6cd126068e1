/**
 * Records retention. A <em>retention class</em> (policies/retention.yaml) sets how long a document
 * must be kept: its <em>retain-until</em> date. A <em>legal hold</em> keeps a document regardless of
 * that date. <em>Disposal</em> after retention needs two different admins, one to request and one to
 * approve, and leaves a <em>tombstone</em>: id, sha256, who, when and why.
 */
package dev.strongroom.retention;
