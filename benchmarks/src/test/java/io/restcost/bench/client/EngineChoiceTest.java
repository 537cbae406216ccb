package io.restcost.bench.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** One name for the drop-in on the command line, and its earlier names still understood for one version. */
class EngineChoiceTest {

    @Test
    void theDropInHasOneNameAndItsEarlierOneStillParses() {
        assertThat(EngineChoice.parse("apache-dropin")).isEqualTo(EngineChoice.APACHE_DROPIN);
        assertThat(EngineChoice.parse("okhttp-dropin")).isEqualTo(EngineChoice.OKHTTP_DROPIN);
        assertThat(EngineChoice.parse("apache-adapted")).isEqualTo(EngineChoice.APACHE_DROPIN);
        assertThat(EngineChoice.parse("OKHTTP-ADAPTED")).isEqualTo(EngineChoice.OKHTTP_DROPIN);
        assertThat(EngineChoice.APACHE_DROPIN.tag()).as("what results and reports say").isEqualTo("apache-dropin");
        assertThatThrownBy(() -> EngineChoice.parse("jetty")).hasMessage(
                "unknown engine jetty (use apache, okhttp, apache-dropin, okhttp-dropin)");
    }
}
