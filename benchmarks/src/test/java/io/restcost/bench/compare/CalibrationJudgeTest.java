package io.restcost.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restcost.bench.results.ResultsSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The calibration judge in Java prints, from the committed reference folders, the very tables
 * that {@code judge-calibration.py} printed from them before it was retired
 * ({@code results/reference/judge-*.txt}), and reaches the same verdicts.
 */
class CalibrationJudgeTest {

    private static final Path REFERENCE = ResultsSchema.REPOSITORY.resolve("results/reference");

    /** The table without its first line, which names the folders as they were given. */
    private static String body(String table) {
        return table.substring(table.indexOf('\n') + 1);
    }

    @Test
    void twoMatricesJudgedAsThePythonJudgeDid() throws IOException {
        CalibrationJudge.Verdict v = CalibrationJudge.judge(List.of(REFERENCE.resolve("mock"), REFERENCE.resolve("liberty")));
        assertThat(body(v.table())).isEqualTo(body(Files.readString(REFERENCE.resolve("judge-matrices.txt"))));
        assertThat(v.missed()).isEqualTo(10);
        assertThat(v.table()).startsWith("server CPU us per request: " + REFERENCE.resolve("mock") + " against "
                + REFERENCE.resolve("liberty") + ", one sample per cell\n");
    }

    @Test
    void aCalibrationFolderOfRoundsJudgedAsThePythonJudgeDid() throws IOException {
        CalibrationJudge.Verdict v = CalibrationJudge.judge(List.of(REFERENCE.resolve("calibration-side-by-side")));
        assertThat(body(v.table())).isEqualTo(body(Files.readString(REFERENCE.resolve("judge-side-by-side.txt"))));
        assertThat(v.missed()).isZero();
        assertThat(v.table()).contains(", 3 rounds\n").endsWith("every target met\n");
    }

    @Test
    void aFolderWithoutRoundsOrCellsIsNamedInOneLine(@TempDir Path tmp) {
        assertThatThrownBy(() -> CalibrationJudge.judge(List.of(tmp))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(tmp + " holds no round-N folders (give a calibration folder, or two matrix folders)");
        assertThatThrownBy(() -> CalibrationJudge.judge(List.of(tmp, tmp))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no pooled cell found");
    }

    @Test
    void medians() {
        assertThat(CalibrationJudge.median(new double[] {3, 1, 2})).isEqualTo(2);
        assertThat(CalibrationJudge.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
