package io.restcost.bench.results;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * {@code index.json}: a matrix's cells in the order they ran, rewritten after each cell so
 * that an interrupted matrix still lists what it measured. Read back by {@link Results#index};
 * its JSON Schema is {@code docs/schema/index.schema.json}.
 *
 * @param cells each cell's name, its folder (relative to the matrix's) and how it ended
 */
@JsonPropertyOrder({"formatVersion", "label", "target", "startedAt", "cells", "interrupted"})
@JsonIgnoreProperties(value = "formatVersion", allowGetters = true)
public record MatrixIndex(String label, String target, String startedAt, List<Cell> cells, boolean interrupted) {

    @JsonProperty("formatVersion")
    public int formatVersion() {
        return RunFolder.FORMAT_VERSION;
    }

    /**
     * @param status {@code done}, {@code interrupted} or {@code failed}
     * @param error why a failed cell failed; absent otherwise
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(String name, String dir, String status, String error) {
    }
}
