package io.restcost.bench.cli;

import io.restcost.cli.Launcher;
import io.restcost.liberty.cli.LibertyCommand;
import io.restcost.mock.cli.MockCommand;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar restcost.jar}: the restcost command line. User errors (bad options,
 * unreadable files, an unreachable or untrusted target) print one line and exit with code 2;
 * {@code compare} exits 1 on a regression; never a stack trace for something the user can fix.
 */
@Command(name = "restcost", mixinStandardHelpOptions = true, versionProvider = RestcostMain.Version.class,
        footerHeading = "%nExamples:%n", footer = {"  restcost mock --port 9443       (an mqweb look-alike to measure)", "  restcost run --target https://127.0.0.1:9443 --ca-cert ca.pem --policy pooled", "  restcost run --help             (every option of one command)"},
        description = "What does a REST connection strategy cost? Measure one-shot, pooled and rotating sessions.",
        subcommands = {AdviseCommand.class, RunCommand.class, MatrixCommand.class, CompareCommand.class, ReportCommand.class, MockCommand.class,
                LibertyCommand.class, SuiteCommand.class, BalanceCommand.class, MergeCommand.class,
                JudgeCommand.class})
public final class RestcostMain implements Runnable {

    /** Exit code for errors the user can fix ({@link Launcher#USAGE}). */
    public static final int USAGE = Launcher.USAGE;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        jvmWideTlsGroups(args);
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Java 17's JSSE reads the key-exchange groups once per JVM, from
     * {@code jdk.tls.namedGroups}, at its first handshake: so {@code --tls-groups} is set there
     * before any command runs. A property the user set is left alone (the client then refuses
     * groups that differ from it, in one line). Java 20 and later take groups per connection.
     */
    static void jvmWideTlsGroups(String[] args) {
        if (Runtime.version().feature() >= 20 || System.getProperty("jdk.tls.namedGroups") != null) {
            return;
        }
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--tls-groups=") ? args[i].substring("--tls-groups=".length())
                    : args[i].equals("--tls-groups") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null && !value.isBlank()) {
                System.setProperty("jdk.tls.namedGroups", value);
                return;
            }
        }
    }

    /** Runs a command line and returns its exit code (for tests and the launcher). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        Logging.quiet();
        CommandLine cl = Launcher.commandLine(new RestcostMain(), out, err, ErrorWords::message);
        if (args.length > 0 && !args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) {
            // picocli would let a --help after it win and print the top-level help with exit code 0
            err.println("restcost: unknown command '" + args[0] + "'; the commands are "
                    + String.join(", ", cl.getSubcommands().keySet()) + " (see restcost --help)");
            err.flush();
            return USAGE;
        }
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"restcost " + io.restcost.bench.results.Environment.restcostVersion()};
        }
    }
}
