package io.restcost.bench.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the restcost command line in this JVM and keeps what it printed; or gives the command for a JVM of its own. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RestcostMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** The command that starts the restcost command line in a JVM of its own, on this test's classpath; add the arguments. */
    static java.util.List<String> inNewJvm() {
        return new java.util.ArrayList<>(java.util.List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RestcostMain.class.getName()));
    }
}
