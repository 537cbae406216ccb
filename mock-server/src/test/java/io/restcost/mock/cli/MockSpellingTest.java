package io.restcost.mock.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The mock spells its TLS options as the client does, and still reads the spellings it had before, for one version. */
class MockSpellingTest {

    private static MockCommand parsed(String... args) {
        MockCommand c = new MockCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test
    void tlsVersionsAndResumptionAreSpelledAsTheClientSpellsThem() {
        assertThat(parsed("--tls-protocol", "1.3").protocols).containsExactly("1.3");
        assertThat(parsed("--tls-protocol", "1.2,1.3").protocols).containsExactly("1.2", "1.3");
        assertThat(parsed("--tls-resumption", "off").noResumption).isTrue();
        assertThat(parsed("--tls-resumption", "on").noResumption).isFalse();
        assertThat(parsed().noResumption).isFalse();
    }

    @Test
    void theOldSpellingsStillWorkAndHelpShowsOnlyTheNew() {
        assertThat(parsed("--tls-protocol", "TLSv1.3", "--tls-protocol", "TLSv1.2").protocols).containsExactly("1.3", "1.2");
        assertThat(parsed("--no-tls-resumption").noResumption).isTrue();
        String help = new CommandLine(new MockCommand()).getUsageMessage();
        assertThat(help).contains("--tls-resumption=on|off").contains("--tls-protocol=1.2|1.3").doesNotContain("--no-tls-resumption")
                .doesNotContain("TLSv1.3");
        assertThatThrownBy(() -> parsed("--tls-protocol", "1.1")).hasMessageContaining("unknown --tls-protocol 1.1 (use 1.2 or 1.3)");
        assertThatThrownBy(() -> parsed("--tls-resumption", "maybe")).hasMessageContaining("unknown --tls-resumption maybe (use on or off)");
    }
}
