package io.restcost.bench.cli;

import io.restcost.bench.advise.Advice;
import io.restcost.bench.advise.AdviceJudge;
import io.restcost.bench.compare.AccuracyJudge;
import io.restcost.bench.compare.CalibrationJudge;
import io.restcost.bench.compare.H2loadJudge;
import io.restcost.bench.compare.MockVsNginxJudge;
import io.restcost.bench.compare.PairsJudge;
import io.restcost.bench.compare.ServerBill;
import io.restcost.bench.results.RunFolder;
import io.restcost.bench.results.Results;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code restcost judge}: the project's own checks, judged from the folders its measuring scripts
 * write (the scripts start servers and clients; every median, ratio and target is here). How the
 * project checks itself, so hidden from {@code restcost --help}. Exit code 1 when a target is
 * missed, 2 when a folder cannot be judged.
 */
@Command(name = "judge", hidden = true, mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  restcost judge calibration results/reference/calibration-side-by-side",
                "  restcost judge accuracy results/reference/accuracy-short"},
        description = "Judge the folders the measuring scripts under benchmarks/scripts write.",
        subcommands = {JudgeCommand.AdviceAgain.class, JudgeCommand.Calibration.class, JudgeCommand.Accuracy.class, JudgeCommand.Pairs.class,
                JudgeCommand.MockVsNginx.class, JudgeCommand.H2load.class})
final class JudgeCommand {

    private static int print(CommandSpec spec, CalibrationJudge.Verdict v) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(v.table());
        out.flush();
        return v.missed() > 0 ? 1 : 0;
    }

    /** A judge of the folder a measuring script wrote: measurements.tsv, settings.properties and run folders. */
    abstract static class FolderJudge implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "The folder the script wrote (measurements.tsv, settings.properties, run folders).")
        Path folder;

        abstract CalibrationJudge.Verdict judge(ServerBill bill);

        @Override
        public Integer call() {
            return print(spec, judge(ServerBill.read(folder)));
        }
    }

    @Command(name = "advice", mixinStandardHelpOptions = true,
            footerHeading = "%nExamples:%n",
            footer = {"  restcost judge advice results/reference/advise-mock", "  restcost judge advice results/20261207-151347-advise"},
            description = {"Judge restcost advise's slices again, from its advice.json, with this restcost's judge, and print the answer.",
                    "Exit code 0 when the answer is decided, 1 when not."})
    static final class AdviceAgain implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "A folder restcost advise wrote (advice.json).")
        Path folder;

        @Override
        public Integer call() {
            Advice kept = Results.read(folder, RunFolder.ADVICE, Advice.class);
            Advice today = AdviceJudge.again(kept);
            PrintWriter out = spec.commandLine().getOut();
            today.words().forEach(out::println);
            out.flush();
            return today.partial() ? 1 : 0;
        }
    }

    @Command(name = "calibration", mixinStandardHelpOptions = true, sortOptions = false,
            footerHeading = "%nExamples:%n",
            footer = {"  restcost judge calibration results/reference/calibration-side-by-side",
                    "  restcost judge calibration results/reference/mock results/reference/liberty"},
            description = {"Judge the mock's calibration against Open Liberty from run folders: a calibration folder "
                    + "(round-N/{mock,liberty}/<cell>/, as calibrate-mock-vs-liberty.sh writes it), or a mock matrix and a Liberty matrix.",
                    "Targets: each strategy's mock / Liberty server CPU per request within 25%%; one-shot : pooled within 20%% of "
                    + "Liberty's; rotating every 50's extra cost over pooled within 20 points.",
                    "Exit code 1 when a target is missed, 2 when the folders cannot be judged."})
    static final class Calibration implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..2", paramLabel = "DIR", description = "A calibration folder, or a mock matrix and a Liberty matrix.")
        List<Path> folders;

        @Override
        public Integer call() {
            return print(spec, CalibrationJudge.judge(folders));
        }
    }

    @Command(name = "accuracy", mixinStandardHelpOptions = true,
            footerHeading = "%nExamples:%n",
            footer = {"  restcost judge accuracy results/reference/accuracy-short",
                    "  OUT=/tmp/accuracy SPINNER=1 benchmarks/scripts/accuracy-vs-ab-wrk.sh 2 4"},
            description = {"Judge accuracy-vs-ab-wrk.sh's measurements: nginx's CPU per request under restcost against hey's, "
                    + "side by side, and restcost's rate flat out against wrk's.",
                    "Targets: one-shot and pooled within 15%% of hey; restcost's own server-CPU figure within 5%% of the script's; "
                    + "one-shot on Conscrypt at least 2x the JDK's TLS; pooled at least 0.5 of wrk.",
                    "Exit code 1 when a target is missed, 2 when the folder cannot be judged."})
    static final class Accuracy extends FolderJudge {
        @Override
        CalibrationJudge.Verdict judge(ServerBill bill) {
            return AccuracyJudge.judge(bill);
        }
    }

    @Command(name = "pairs", mixinStandardHelpOptions = true,
            footerHeading = "%nExamples:%n",
            footer = {"  restcost judge pairs /tmp/pairs", "  OUT=/tmp/pairs SPINNER=1 benchmarks/scripts/oneshot-pairs-vs-hey.sh 8 500 100"},
            description = {"Report oneshot-pairs-vs-hey.sh's adjacent pairs: nginx's CPU and wake-ups per request under hey, "
                    + "then restcost, and the ratio of each pair. Reported, not judged: exit code 0 unless the folder cannot be read."})
    static final class Pairs extends FolderJudge {
        @Override
        CalibrationJudge.Verdict judge(ServerBill bill) {
            return PairsJudge.judge(bill);
        }
    }

    @Command(name = "mock-vs-nginx", mixinStandardHelpOptions = true,
            footerHeading = "%nExamples:%n",
            footer = {"  restcost judge mock-vs-nginx /tmp/mock-vs-nginx", "  OUT=/tmp/mock-vs-nginx benchmarks/scripts/mock-vs-nginx.sh ec-p256 10"},
            description = {"Report mock-vs-nginx.sh's rates: the mock, its WireMock-stub pipeline and bare Jetty against nginx, "
                    + "and the mock's own counters. Reported, not judged: exit code 0 unless the folder cannot be read."})
    static final class MockVsNginx extends FolderJudge {
        @Override
        CalibrationJudge.Verdict judge(ServerBill bill) {
            return MockVsNginxJudge.judge(bill);
        }
    }

    @Command(name = "h2load", mixinStandardHelpOptions = true,
            footerHeading = "%nExamples:%n",
            footer = {"  restcost judge h2load results/reference/h2load", "  OUT=/tmp/h2load benchmarks/scripts/h2-vs-h2load.sh 3 10 300"},
            description = {"Judge h2-vs-h2load.sh's measurements: nginx's CPU per request under restcost pooled over one HTTP/2 "
                    + "connection against h2load's with the same connection and streams, side by side; and both flat out on one core.",
                    "Targets: restcost within 15%% of h2load's CPU per request; restcost flat out at least 0.5 of h2load's rate.",
                    "Exit code 1 when a target is missed, 2 when the folder cannot be judged."})
    static final class H2load extends FolderJudge {
        @Override
        CalibrationJudge.Verdict judge(ServerBill bill) {
            return H2loadJudge.judge(bill);
        }
    }
}
