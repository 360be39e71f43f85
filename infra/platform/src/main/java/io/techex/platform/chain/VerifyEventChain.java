package io.techex.platform.chain;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;

/**
 * The verification command: checks the event chain of one or more services' schemas and prints, per schema, OK with
 * the counts and the rate, or the first broken link. Exit status 0 when every chain holds, 1 when one is broken,
 * 2 when it could not verify (bad usage, no connection, a schema without the chain).
 * <pre>
 *   ./mvnw -q -pl infra/platform exec:java -Dexec.args="jdbc:postgresql://127.0.0.1:5432/techex listing,bidding,contract,audit"
 * </pre>
 * The user and password come from the third and fourth arguments, else from {@code TECHEX_POSTGRES_USER} and
 * {@code TECHEX_POSTGRES_PASSWORD} (as for the launcher), else {@code postgres} and no password. Depends on the JDK
 * and the PostgreSQL driver only, so it runs anywhere the driver is, with no service started.
 */
public final class VerifyEventChain {

    static final int OK = 0;
    static final int BROKEN = 1;
    static final int CANNOT_VERIFY = 2;

    private VerifyEventChain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** The command without the exit, for tests: returns the exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length < 2 || args.length > 4) {
            err.println("usage: VerifyEventChain <jdbc-url> <schema>[,<schema>...] [user [password]]");
            err.println("  user and password default to $TECHEX_POSTGRES_USER / $TECHEX_POSTGRES_PASSWORD,"
                    + " then postgres and none");
            return CANNOT_VERIFY;
        }
        String user = args.length > 2 ? args[2] : env.getOrDefault("TECHEX_POSTGRES_USER", "postgres");
        String password = args.length > 3 ? args[3] : env.getOrDefault("TECHEX_POSTGRES_PASSWORD", "");
        int status = OK;
        try (Connection connection = DriverManager.getConnection(args[0], user, password)) {
            for (String schema : args[1].split(",")) {
                if (schema.isBlank()) {
                    continue;
                }
                long started = System.nanoTime();
                ChainReport report;
                try {
                    report = new EventChainVerifier(schema.strip()).verify(connection);
                } catch (SQLException e) {
                    err.println(schema.strip() + ": cannot verify: " + e.getMessage());
                    status = Math.max(status, CANNOT_VERIFY);
                    continue;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                out.println(report + String.format(Locale.ROOT, " (%.2f s, %,.0f events/s)", seconds,
                        report.events() / Math.max(seconds, 1e-9)));
                if (!report.ok()) {
                    status = Math.max(status, BROKEN);
                }
            }
        } catch (SQLException e) {
            err.println("cannot connect to " + args[0] + " as " + user + ": " + e.getMessage());
            return CANNOT_VERIFY;
        }
        return status;
    }
}
