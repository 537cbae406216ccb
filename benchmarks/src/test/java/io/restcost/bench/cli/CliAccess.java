package io.restcost.bench.cli;

/** Lets tests in other packages run the command line: returns stdout and stderr together. */
public final class CliAccess {

    private CliAccess() {
    }

    /** Runs {@code args}; the exit code goes to {@code code[0]}. */
    public static String run(int[] code, String... args) {
        Cli c = Cli.run(args);
        code[0] = c.exitCode();
        return c.out() + c.err();
    }
}
