-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Issue 19, several hosts on one catalog.

-- A job that must run once per vault (the scheduled compliance report, the restore drill) runs on the host
-- holding its lease (lease.CatalogJobLease). A host that crashed stops renewing, so its lease expires and
-- another host takes it over. Times are the hosts' clocks, which must agree to well within a lease's duration.
create table job_lease (
    name varchar(64) primary key,
    holder_host varchar(128) not null,
    taken_at timestamp with time zone not null,
    expires_at timestamp with time zone not null
);

-- The host that runs each job, so that a host starting up marks only its own runs interrupted, not the ones
-- another host on the same catalog is running (jobs.EntityJobStore). Rows from before hold null: they were
-- made by the single host a vault had, and the next host to start marks them.
alter table backup_run add column host_id varchar(128);
alter table compliance_report add column host_id varchar(128);
alter table restore_drill add column host_id varchar(128);
