package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands that send load take each shared option (engine, auth, rate, duration, threads,
 * output) from one declaration, with one grammar,
 * and their own defaults; the drop-in's earlier name and a fixed or automatic warm-up are
 * understood by every command that takes them.
 */
class SharedOptionsTest {

    private static final List<String> SWEEPS = List.of("run", "matrix", "suite", "balance");

    private static CommandLine command(String name) {
        return new CommandLine(new RestcostMain()).getSubcommands().get(name);
    }

    private static Field declaration(String command, String option) {
        OptionSpec o = command(command).getCommandSpec().findOption(option);
        assertThat(o).as("%s %s", command, option).isNotNull();
        return (Field) o.userObject();
    }

    @Test
    void everyLoadCommandTakesEngineAuthRateAndDurationFromOneDeclaration() throws Exception {
        for (String option : List.of("--engine", "--auth", "--rate", "--duration", "--concurrency", "--out", "--quiet", "--debug-log")) {
            Field first = declaration("run", option);
            assertThat(first.getDeclaringClass().getEnclosingClass()).isEqualTo(SharedOptions.class);
            for (String c : SWEEPS) {
                assertThat(declaration(c, option)).as("%s %s", c, option).isEqualTo(first);
            }
        }
        for (String c : List.of("run", "matrix", "suite")) {
            assertThat(declaration(c, "--warmup")).isEqualTo(declaration("run", "--warmup"));
        }
    }

    @Test
    void eachCommandShowsItsOwnDefaults() {
        Map<String, String> engine = Map.of("run", "apache", "matrix", "apache,okhttp", "suite", "apache,okhttp", "balance", "apache");
        Map<String, String> duration = Map.of("run", "30s", "matrix", "30s", "suite", "8s", "balance", "60s");
        Map<String, String> rate = Map.of("run", "closed", "matrix", "closed", "suite", "closed", "balance", "100");
        for (String c : SWEEPS) {
            var spec = command(c).getCommandSpec();
            assertThat(spec.findOption("--engine").defaultValueString()).as(c).isEqualTo(engine.get(c));
            assertThat(spec.findOption("--duration").defaultValueString()).as(c).isEqualTo(duration.get(c));
            assertThat(spec.findOption("--rate").defaultValueString()).as(c).isEqualTo(rate.get(c));
        }
        assertThat(command("balance").getCommandSpec().findOption("--concurrency").defaultValueString()).isEqualTo("8");
        assertThat(command("run").getCommandSpec().findOption("--concurrency").defaultValueString()).isEqualTo("4");
        assertThat(command("suite").getCommandSpec().findOption("--warmup").defaultValueString()).isEqualTo("2s");
        assertThat(command("run").getCommandSpec().findOption("--warmup").defaultValueString()).isEqualTo("auto");
    }

    @Test
    void suiteTakesRunsWarmupGrammarAndTheDropInsEarlierNameStillParses() {
        SuiteCommand suite = new SuiteCommand();
        new CommandLine(suite).parseArgs("--warmup", "auto:30s", "--engine", "okhttp-adapted,apache", "--auth", "LTPA");
        assertThat(suite.warmup.warmup.toString()).isEqualTo("auto:30s");
        assertThat(suite.strategy.engines).containsExactly("okhttp-dropin", "apache");
        assertThat(suite.strategy.auths).containsExactly("ltpa");
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--policy", "pooled", "--engine", "apache,okhttp");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> run.strategy.engine("run"))
                .hasMessage("--engine apache,okhttp: run measures one; give one, or sweep several with restcost matrix");
    }
}
