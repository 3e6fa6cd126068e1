package dev.strongroom.bench;

import dev.strongroom.metadata.statement.StatementSidecar;
import dev.strongroom.metadata.statement.StatementValidator;
import dev.strongroom.statements.StatementLineWriter;
import dev.strongroom.support.StatementFiles;
import dev.strongroom.support.StatementFiles.Line;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * bench/statements: rows per second of a statement validated and loaded as the vault does it (the
 * validator over the file, then its lines in JDBC batches in one transaction), against the database's own
 * bulk load of the same file into the same table of the same database: H2's {@code CSVREAD} (which names the
 * columns by the header, in capitals) on the vault's default catalog, in one {@code insert ... select} (no
 * checks at all, the floor any loader pays).
 * <ul>
 * <li>{@code --mode=vault --db=DIR --csv=FILE --out=FILE}: validated and loaded, and validation alone</li>
 * <li>{@code --mode=bulk --db=DIR --csv=FILE --out=FILE}: the database's bulk load</li>
 * <li>{@code --mode=file --csv=FILE --lines=N}: writes a generated statement of N lines</li>
 * </ul>
 * Each run starts from an emptied table in a catalog migrated by the vault's own Flyway scripts.
 */
public final class StatementsBench {

    private static final String ACCOUNT = "GB33BUKB20201555555555";
    private static final List<String> MERCHANTS = List.of("NORTHWIND STATIONE BRISTOL", "CAFE LUNA LONDON",
            "GRAND HOTEL BERLIN GMBH", "MERIDIAN RAIL TICKETS", "HARBOUR BOOKS*ONLINE", "PINECREST TAXIS 0207");

    private StatementsBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = new Args(argv);
        Path csv = Path.of(args.get("csv"));
        switch (args.get("mode")) {
            case "file" -> {
                Files.write(csv, statement(args.integer("lines", 100_000)));
                System.out.println("statement: " + Files.size(csv) + " bytes in " + csv);
            }
            case "vault" -> {
                Figures f = vault(Path.of(args.get("db")), csv);
                args.report("validate.rows_per_s", f.rows / f.validateSeconds);
                args.report("vault.rows_per_s", f.rows / (f.validateSeconds + f.loadSeconds));
                args.report("vault.cpu_us_per_row", f.cpuMicrosPerRow());
                System.out.printf("vault: %d rows validated in %.2f s, loaded in %.2f s%n", f.rows, f.validateSeconds,
                        f.loadSeconds);
            }
            case "bulk" -> {
                Figures f = bulk(Path.of(args.get("db")), csv);
                args.report("bulk.rows_per_s", f.rows / f.loadSeconds);
                args.report("bulk.cpu_us_per_row", f.cpuMicrosPerRow());
                System.out.printf("bulk: %d rows loaded in %.2f s%n", f.rows, f.loadSeconds);
            }
            default -> throw new IllegalArgumentException("--mode=file|vault|bulk");
        }
    }

    /** Rows and seconds of one run. */
    public record Figures(long rows, double validateSeconds, double loadSeconds, double cpuSeconds) {

        double cpuMicrosPerRow() {
            return cpuSeconds * 1e6 / rows;
        }
    }

    /** A valid statement of {@code lines} lines with a running balance. */
    public static byte[] statement(int lines) {
        List<Line> rows = new ArrayList<>(lines);
        LocalDate first = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < lines; i++) {
            BigDecimal amount = BigDecimal.valueOf(-(100 + (i * 37L) % 90_000), 2);
            rows.add(new Line(first.plusDays(i % 365).toString(), MERCHANTS.get(i % MERCHANTS.size()),
                    amount.toPlainString(), "EUR"));
        }
        return StatementFiles.csv(ACCOUNT, "10000000.00", rows);
    }

    /** The vault's way: validate (hashing as it reads), then the lines in JDBC batches in one transaction. */
    public static Figures vault(Path db, Path csv) throws IOException, SQLException {
        try (Connection connection = emptied(db)) {
            ProcessCpu cpu = ProcessCpu.self();
            double cpu0 = cpu.seconds();
            long t0 = System.nanoTime();
            StatementSidecar sidecar;
            try (InputStream in = Files.newInputStream(csv)) {
                sidecar = new StatementValidator().validate(in, sha256(csv), Files.size(csv));
            }
            if (!sidecar.valid()) {
                throw new IllegalStateException("the generated statement is invalid: " + sidecar.errors());
            }
            long t1 = System.nanoTime();
            connection.setAutoCommit(false);
            int rows = StatementLineWriter.write(connection, "bench-statement", sidecar.account(), sidecar.lines());
            connection.commit();
            long t2 = System.nanoTime();
            double cpu1 = cpu.seconds();
            check(connection, rows);
            return new Figures(rows, (t1 - t0) / 1e9, (t2 - t1) / 1e9, cpu1 - cpu0);
        }
    }

    /** The database's own bulk load of the same file into the same table: no validation, one statement. */
    public static Figures bulk(Path db, Path csv) throws IOException, SQLException {
        try (Connection connection = emptied(db); Statement sql = connection.createStatement()) {
            connection.setAutoCommit(false);
            ProcessCpu cpu = ProcessCpu.self();
            double cpu0 = cpu.seconds();
            long t0 = System.nanoTime();
            int rows = sql.executeUpdate("insert into statement_line (id, document_id, line_no, account, booked_on, "
                    + "merchant, amount, currency, balance, reference, match_state) "
                    + "select 'bulk/' || rownum(), 'bench-statement', rownum() + 1, \"ACCOUNT\", \"DATE\", "
                    + "\"MERCHANT\", \"AMOUNT\", \"CURRENCY\", \"BALANCE\", \"REFERENCE\", 'UNMATCHED' "
                    + "from csvread('" + csv.toAbsolutePath().toString().replace("'", "''") + "', null, 'charset=UTF-8')");
            connection.commit();
            long t1 = System.nanoTime();
            double cpu1 = cpu.seconds();
            check(connection, rows);
            return new Figures(rows, 0, (t1 - t0) / 1e9, cpu1 - cpu0);
        }
    }

    /** A catalog migrated by the vault's scripts, its statement lines emptied. */
    private static Connection emptied(Path db) throws SQLException {
        // The vault's own settings (catalog.CatalogUrlConfigSource): every commit handed to the OS at once.
        String url = "jdbc:h2:file:" + db.toAbsolutePath().resolve("catalog") + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").load().migrate();
        Connection connection = DriverManager.getConnection(url, "sa", "");
        try (Statement sql = connection.createStatement()) {
            sql.execute("delete from statement_line");
        }
        return connection;
    }

    private static void check(Connection connection, int rows) throws SQLException {
        try (Statement sql = connection.createStatement();
                ResultSet count = sql.executeQuery("select count(*) from statement_line")) {
            count.next();
            if (count.getLong(1) != rows) {
                throw new IllegalStateException(rows + " rows written, " + count.getLong(1) + " in the table");
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
