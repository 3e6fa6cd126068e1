package dev.strongroom.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.strongroom.VaultIdentity;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Several hosts on one catalog: a host starting up closes its own runs a crash left, never another host's. */
@QuarkusTest
class RunsOfOtherHostsTest {

    @Inject
    JobRunner runner;
    @Inject
    VaultIdentity identity;
    @Inject
    DataSource dataSource;

    @Test
    void startUpMarksThisHostsAndLegacyRunsInterruptedAndLeavesAnotherLiveHostsRunRunning() throws SQLException {
        String mine = running(identity.hostId());
        String legacy = running(null);
        String others = running("host-other-live");

        try {
            runner.markInterruptedEarly(new StartupEvent());

            assertEquals("failed", state(mine));
            assertEquals("failed", state(legacy), "rows from before hosts were recorded were the one host's");
            assertEquals("running", state(others));
        } finally {
            delete(mine, legacy, others);
        }
    }

    /** Other tests on this vault list backup runs: a run left running would read as one in progress. */
    private void delete(String... ids) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("delete from backup_run where id = ?")) {
            for (String id : ids) {
                s.setString(1, id);
                s.executeUpdate();
            }
        }
    }

    private String running(String host) throws SQLException {
        String id = "hosts-" + UUID.randomUUID().toString().substring(0, 12);
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "insert into backup_run (id, trigger_kind, triggered_by, state, started_at, planned, documents, adopted, "
                        + "failed, bytes, host_id) values (?, 'test', 'test', 'running', ?, 0, 0, 0, 0, 0, ?)")) {
            s.setString(1, id);
            s.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            s.setString(3, host);
            s.executeUpdate();
        }
        return id;
    }

    private String state(String id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select state from backup_run where id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
