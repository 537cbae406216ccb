package io.restcost.bench.cli;

import io.restcost.bench.report.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code restcost report DIR}: redraws a run's or matrix's report.html from its files. */
@Command(name = "report", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n", footer = {"  restcost report results/20261201-101500-run", "  restcost report results/reference/mock"},
        description = "Re-render report.html of a run or matrix folder (self-contained; opens offline).")
final class ReportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "A run or matrix folder.")
    Path dir;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder (give a run or matrix folder under results/)");
        }
        Path report = HtmlReport.render(dir);
        spec.commandLine().getOut().printf("report: %s%n", report);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
