package io.restcost.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restcost.bench.run.MeasuredRun;
import io.restcost.bench.run.TargetProblem;
import io.restcost.bench.run.TargetProblem.Fix;
import org.junit.jupiter.api.Test;

/** The command line words a target's problem with the options that fix it; the harness names none. */
class ErrorWordsTest {

    @Test
    void everyFixHasItsOptionsAndTheNoteFollows() {
        assertThat(ErrorWords.coversEveryFixAndSetting()).isTrue();
        MeasuredRun.TargetException e = new MeasuredRun.TargetException(
                new TargetProblem("the certificate of https://mqweb:9443 is not trusted", Fix.TRUST_THE_CA), "");
        assertThat(ErrorWords.message(e)).isEqualTo("the certificate of https://mqweb:9443 is not trusted (give the CA that signed it "
                + "with --ca-cert PEM or --truststore FILE; --insecure turns verification off)");
        assertThat(e.getMessage()).isEqualTo("the certificate of https://mqweb:9443 is not trusted (trust the CA that signed it)");
        MeasuredRun.TargetException later = e.withNote(" [cells measured before it are in results/m]");
        assertThat(ErrorWords.message(later)).endsWith("verification off) [cells measured before it are in results/m]");
        assertThat(ErrorWords.message(new IllegalArgumentException("plain"))).isEqualTo("plain");
    }
}
