package io.restcost.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * The exit-code rules every restcost command line follows, written once: a bad option or value
 * is one line naming it and its command's {@code --help}, and exit code {@link #USAGE}; an error
 * the user can fix while running (a file that is not there, a server that refuses, a value
 * checked late) is one line and {@link #USAGE}; never a stack trace for either. Anything else is
 * a bug and propagates.
 */
public final class Launcher {

    /** Exit code for errors the user can fix. */
    public static final int USAGE = 2;

    private Launcher() {
    }

    /** A command line for {@code command} that follows those rules, printing to {@code out} and {@code err}. */
    public static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err) {
        return commandLine(command, out, err, Exception::getMessage);
    }

    /**
     * As {@link #commandLine(Object, PrintWriter, PrintWriter)}, a user error's line given by
     * {@code words}: where the command line words what its library reports, e.g. with the options
     * that fix it.
     */
    public static CommandLine commandLine(Object command, PrintWriter out, PrintWriter err,
            java.util.function.Function<Exception, String> words) {
        CommandLine cl = new CommandLine(command);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println(name + ": " + ex.getMessage() + " (see " + name + " --help)");
            err.flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (userError(ex)) {
                err.println(commandLine.getCommandSpec().qualifiedName() + ": " + words.apply(ex));
                err.flush();
                return USAGE;
            }
            throw ex;
        });
        return cl;
    }

    /** Whether {@code e} is an error the user can fix, reported in one line. */
    public static boolean userError(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof IllegalStateException || e instanceof UncheckedIOException
                || e instanceof CommandLine.TypeConversionException;
    }
}
