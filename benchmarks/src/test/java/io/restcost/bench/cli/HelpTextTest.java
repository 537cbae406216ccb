package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders without a picocli warning: a '%' in a description must be
 * written '%%', or picocli prints "[picocli WARN] Could not format ..." above the help. picocli
 * warns on standard error through a tracer of its own, so the help is rendered in a JVM of its
 * own ({@link Render}) and that JVM's standard error is read.
 */
class HelpTextTest {

    /** Renders the help of restcost and of each of its commands to standard output. */
    public static final class Render {
        public static void main(String[] args) {
            CommandLine top = new CommandLine(new RestcostMain());
            PrintWriter out = new PrintWriter(System.out, true);
            top.usage(out);
            top.getSubcommands().forEach((name, sub) -> {
                out.println("=== " + name);
                sub.usage(out);
                sub.getSubcommands().forEach((nested, c) -> {
                    out.println("=== " + name + " " + nested);
                    c.usage(out);
                });
            });
            out.flush();
        }
    }

    /** The words of an example line, single quotes grouping; null for a line that is not a whole command. */
    static List<String> words(String line) {
        String l = line.strip();
        int comment = l.indexOf("  (");
        if (comment >= 0) {
            l = l.substring(0, comment).strip();
        }
        if (!l.startsWith("restcost ") || l.contains("...") || l.contains("<")) {
            return null;
        }
        List<String> words = new java.util.ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        for (char c : l.substring("restcost ".length()).toCharArray()) {
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ' ' && !quoted) {
                if (w.length() > 0) {
                    words.add(w.toString());
                    w.setLength(0);
                }
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) {
            words.add(w.toString());
        }
        return words;
    }

    @Test
    void everyCommandEndsItsHelpWithExamplesThatParse() {
        CommandLine top = new CommandLine(new RestcostMain());
        java.util.Map<String, CommandLine> all = new java.util.LinkedHashMap<>(top.getSubcommands());
        top.getSubcommands().forEach((name, cl) -> cl.getSubcommands().forEach((sub, c) -> all.put(name + " " + sub, c)));
        all.put("restcost", top);
        all.forEach((name, cl) -> {
            String[] footer = cl.getCommandSpec().usageMessage().footer();
            assertThat(cl.getCommandSpec().usageMessage().footerHeading()).as(name).contains("Examples:");
            assertThat(footer).as("%s's examples", name).hasSizeBetween(2, 3);
            for (String line : footer) {
                List<String> args = words(String.format(line));
                if (args == null) {
                    continue;
                }
                // A fresh command line for each: parsing fills the command's fields.
                CommandLine fresh = new CommandLine(new RestcostMain());
                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> fresh.parseArgs(args.toArray(String[]::new))))
                        .as("%s's example: %s", name, line).isNull();
            }
        });
    }

    @Test
    void renamedOptionsStillTakeTheirOldSpellingButHelpShowsOnlyTheNew() {
        // --server-cpus sat one letter from --server-cpu; --order meant cell order in matrix, address order in balance.
        new CommandLine(new RestcostMain()).parseArgs("suite", "--server-cpus", "0");
        new CommandLine(new RestcostMain()).parseArgs("balance", "--order", "random");
        java.io.StringWriter suite = new java.io.StringWriter();
        new CommandLine(new RestcostMain()).getSubcommands().get("suite").usage(new PrintWriter(suite));
        assertThat(suite.toString()).contains("--pin-server").doesNotContain("--server-cpus");
        java.io.StringWriter balance = new java.io.StringWriter();
        new CommandLine(new RestcostMain()).getSubcommands().get("balance").usage(new PrintWriter(balance));
        assertThat(balance.toString()).contains("--resolver-order").doesNotContain("--order ").doesNotContain("--order=");
    }

    @Test
    void everyCommandsHelpRendersWithoutAPicocliWarning() throws Exception {
        List<String> cmd = Cli.inNewJvm();
        cmd.set(cmd.size() - 1, Render.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(err).isZero();
        assertThat(err).as("picocli's warnings while rendering the help").doesNotContain("picocli WARN");
        assertThat(out).doesNotContain("picocli WARN");
        for (String command : List.of("run", "matrix", "suite", "compare", "report", "balance", "merge", "mock", "liberty",
                "judge accuracy")) {
            assertThat(out).contains("=== " + command).contains("Usage: restcost " + command);
        }
    }
}
