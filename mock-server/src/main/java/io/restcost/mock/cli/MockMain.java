package io.restcost.mock.cli;

import java.io.PrintWriter;
import io.restcost.cli.Launcher;
import picocli.CommandLine;

/**
 * {@code java -jar restcost-mock-server.jar [options]}: the mock server's own entry point.
 * Bad options and start-up failures print one line and exit with code 2; never a stack trace.
 */
public final class MockMain {

    private MockMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command and returns its exit code (for tests and for the restcost launcher). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = Launcher.commandLine(new MockCommand(), out, err);
        cl.setCommandName("restcost mock");
        return cl.execute(args);
    }
}
