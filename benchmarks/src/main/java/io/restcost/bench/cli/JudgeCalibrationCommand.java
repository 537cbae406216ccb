package io.restcost.bench.cli;

import io.restcost.bench.compare.CalibrationJudge;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code restcost judge-calibration}: whether the mock costs what a real Open Liberty costs,
 * judged from run folders alone. How the project checks itself, so hidden from
 * {@code restcost --help}; {@code calibrate-mock-vs-liberty.sh} calls it.
 */
@Command(name = "judge-calibration", hidden = true, mixinStandardHelpOptions = true, sortOptions = false,
        footerHeading = "%nExamples:%n",
        footer = {"  restcost judge-calibration results/reference/calibration-side-by-side",
                "  restcost judge-calibration results/reference/mock results/reference/liberty"},
        description = {"Judge the mock's calibration against Open Liberty from run folders: a calibration folder "
                + "(round-N/{mock,liberty}/<cell>/, as calibrate-mock-vs-liberty.sh writes it), or a mock matrix and a Liberty matrix.",
                "Targets: each strategy's mock / Liberty server CPU per request within 25%%; one-shot : pooled within 20%% of "
                + "Liberty's; rotating every 50's extra cost over pooled within 20 points.",
                "Exit code 1 when a target is missed, 2 when the folders cannot be judged."})
final class JudgeCalibrationCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..2", paramLabel = "DIR", description = "A calibration folder, or a mock matrix and a Liberty matrix.")
    List<Path> folders;

    @Override
    public Integer call() {
        CalibrationJudge.Verdict v = CalibrationJudge.judge(folders);
        PrintWriter out = spec.commandLine().getOut();
        out.print(v.table());
        out.flush();
        return v.missed() > 0 ? 1 : 0;
    }
}
