package org.anchornetwork.spend.ingest.rest;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.spend.ingest.IngestBatch;

/** The {@code mode} query parameter shared by every way payments come in. */
public final class IngestModes {

    public static final String DESCRIPTION = "all-or-nothing (default): any invalid row stores nothing and answers 422 with "
            + "the errors; accept-valid: the valid rows are stored and the others reported";

    private IngestModes() {
    }

    public static IngestBatch.Mode parse(String mode) {
        if (mode == null || mode.isBlank() || mode.equalsIgnoreCase("all-or-nothing")) {
            return IngestBatch.Mode.ALL_OR_NOTHING;
        }
        if (mode.equalsIgnoreCase("accept-valid")) {
            return IngestBatch.Mode.ACCEPT_VALID;
        }
        throw ApiProblemException.badRequest("invalid-parameter", "mode must be all-or-nothing or accept-valid");
    }
}
