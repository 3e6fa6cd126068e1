package dev.strongroom.lease;

import dev.strongroom.VaultIdentity;
import dev.strongroom.jobs.JobLease;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Job leases in the catalog's {@code job_lease} table, one row per lease name, shared by every host of the vault.
 * <p>
 * Taking is decided by one conditional {@code update} (expired, or this host's): the database locks the row for
 * it and checks the condition on the row as the first writer left it, so of hosts racing exactly one updates
 * it. The row is inserted the first time a lease is taken anywhere; the primary key lets one host's insert
 * through, and the others then find the row held. Releasing ends the lease now
 * instead of removing the row, so the row stays for the next take.
 * <p>
 * Expiry is by the hosts' clocks: they must agree to well within {@link LeaseConfig#duration()} (EC2 hosts keep
 * to the Amazon Time Sync Service).
 * <p>
 * Each statement runs on its own, outside any transaction of the caller, so a refused insert spoils nothing.
 */
@ApplicationScoped
public class CatalogJobLease implements JobLease {

    private static final String INSERT = "insert into job_lease (name, holder_host, taken_at, expires_at) "
            + "values (?, ?, ?, ?)";
    private static final String TAKE = "update job_lease set holder_host = ?, taken_at = ?, expires_at = ? "
            + "where name = ? and (expires_at <= ? or holder_host = ?)";
    private static final String RENEW = "update job_lease set expires_at = ? where name = ? and holder_host = ?";
    private static final String RELEASE = "update job_lease set expires_at = ? where name = ? and holder_host = ?";
    private static final String HOLDER = "select holder_host, expires_at from job_lease where name = ?";

    private final DataSource dataSource;
    private final Supplier<String> hostId;
    private final Duration duration;
    private final Clock clock;

    @Inject
    CatalogJobLease(DataSource dataSource, VaultIdentity identity, LeaseConfig config) {
        this(dataSource, identity::hostId, config.duration(), Clock.systemUTC());
    }

    /** One host's leases; tests make several hosts on one catalog this way. */
    CatalogJobLease(DataSource dataSource, Supplier<String> hostId, Duration duration, Clock clock) {
        this.dataSource = dataSource;
        this.hostId = hostId;
        this.duration = duration;
        this.clock = clock;
    }

    @Override
    public String hostId() {
        return hostId.get();
    }

    @Override
    public Duration duration() {
        return duration;
    }

    @Override
    public Holder take(String name) {
        Instant now = now();
        Instant until = now.plus(duration);
        if (update(TAKE, hostId(), ts(now), ts(until), name, ts(now), hostId()) == 1) {
            return new Holder(hostId(), until);
        }
        Optional<Holder> holder = holder(name);
        if (holder.isPresent()) {
            return holder.get();
        }
        if (insertFirst(name, now, until)) {
            return new Holder(hostId(), until);
        }
        return holder(name).orElseThrow(() -> new LeaseStoreFailure("lease " + name + " has no row, and none could be "
                + "inserted", null));
    }

    @Override
    public boolean renew(String name) {
        return update(RENEW, ts(now().plus(duration)), name, hostId()) == 1;
    }

    @Override
    public void release(String name) {
        update(RELEASE, ts(now()), name, hostId());
    }

    /** True when this host made the lease's first row, and so holds it. */
    private boolean insertFirst(String name, Instant now, Instant until) {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try {
                return execute(INSERT, name, hostId(), ts(now), ts(until)) == 1;
            } catch (SQLException e) {
                // SQLSTATE class 23, as H2 and PostgreSQL both report a duplicate key: another host inserted the
                // row between our look and our insert, and so holds the lease.
                if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                    return false;
                }
                throw new LeaseStoreFailure("could not write a job lease: " + e.getMessage(), e);
            }
        });
    }

    private Optional<Holder> holder(String name) {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(HOLDER)) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(new Holder(r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant()))
                            : Optional.<Holder>empty();
                }
            } catch (SQLException e) {
                throw new LeaseStoreFailure("could not read lease " + name, e);
            }
        });
    }

    private int update(String sql, Object... parameters) {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try {
                return execute(sql, parameters);
            } catch (SQLException e) {
                throw new LeaseStoreFailure("could not write a job lease: " + e.getMessage(), e);
            }
        });
    }

    private int execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Millisecond precision, which both databases keep, so that a renewed expiry compares as written. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime ts(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    /** The catalog refused or failed a lease statement. */
    static final class LeaseStoreFailure extends RuntimeException {
        LeaseStoreFailure(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
