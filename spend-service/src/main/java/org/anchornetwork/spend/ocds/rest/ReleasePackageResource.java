package org.anchornetwork.spend.ocds.rest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.security.CallerOrganisation;
import org.anchornetwork.common.security.Roles;
import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.spend.ingest.rest.BatchView;
import org.anchornetwork.spend.ingest.rest.IngestModes;
import org.anchornetwork.spend.ingest.service.PaymentIngest;
import org.anchornetwork.spend.ocds.service.ReleasePackageCheck;
import org.anchornetwork.spend.ocds.service.ReleasePackageIngest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

@Path("/api/v1/ocds/release-packages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.ANCHOR, Roles.PORTAL })
@Tag(name = "OCDS", description = "Awards and contracts that e-tendering portals publish in the Open Contracting Data "
        + "Standard 1.1.5, sent as release packages for an anchor (the buyer).")
public class ReleasePackageResource {

    private final ReleasePackageCheck check;
    private final ReleasePackageIngest ingest;
    private final CallerOrganisation caller;
    // Amounts as exact decimals, never doubles.
    private final ObjectReader reader;

    public ReleasePackageResource(ReleasePackageCheck check, ReleasePackageIngest ingest, CallerOrganisation caller,
            ObjectMapper json) {
        this.check = check;
        this.ingest = ingest;
        this.caller = caller;
        this.reader = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    @Schema(name = "ReleasePackageResult", description = "The batch recorded for a release package (counted in "
            + "releases), and what it stored", example = """
            {"batch":{"id":"5d0f2b7e-1c1a-4c8e-8f43-6c1b8f0d2e11","anchorOrgId":"GB-LAE-DAL","submittedByOrgId":"GB-COH-09876543",
            "channel":"OCDS","mode":"ALL_OR_NOTHING","status":"ACCEPTED","counts":{"read":201,"accepted":200,"rejected":0,"duplicate":1},
            "amountAccepted":0.00,"errorsRecorded":0,"errorsUrl":"/api/v1/payments/batches/5d0f2b7e-1c1a-4c8e-8f43-6c1b8f0d2e11/errors",
            "receivedAt":"2026-11-25T10:15:00Z","completedAt":"2026-11-25T10:15:02Z","firstErrors":[]},
            "awards":{"stored":143,"duplicate":4,"suppliersStored":262},"contracts":{"stored":0,"duplicate":0}}""")
    public record ReleasePackageResult(
            @Schema(description = "counts.read: releases in the package; accepted: releases stored; rejected: releases "
                    + "with errors; duplicate: releases received before (same ocid and id). amountAccepted is always 0: "
                    + "awards are not payments") BatchView batch,
            Awards awards, Contracts contracts) {
    }

    @Schema(description = "Awards stored, awards not stored because the same award (ocid and award id) was stored "
            + "before, and the suppliers of the awards stored")
    public record Awards(long stored, long duplicate, long suppliersStored) {
    }

    @Schema(description = "Contracts stored, and those stored before (same award and contract id)")
    public record Contracts(long stored, long duplicate) {
    }

    @POST
    @Operation(summary = "Send an OCDS release package", description = """
            The body is an OCDS 1.1.5 release package, as a portal publishes it. It is checked against the official \
            release package schema, then each release further: its buyer (buyer.id) and every award supplier must be \
            in its parties with the role "buyer" or "supplier", and award and contract values must be non-negative \
            amounts with a currency. Each error has a JSON pointer into the package, e.g. /releases/3/awards/0/value/amount. \
            The awards (with their suppliers as the parties describe them: identifier, legal name, address) and \
            contracts of the valid releases are stored for the anchor; read them at /api/v1/contract-awards. \
            The package is one batch counted in releases. All or nothing by default (any invalid release stores \
            nothing: 422 with the errors); with mode=accept-valid the valid releases are stored and the others \
            reported. An error in the package metadata (outside releases) rejects the whole package in either mode. \
            Sending the same package again stores nothing twice: its releases are duplicates, and an award already \
            stored (same ocid and award id) is not stored again, even from a later release. \
            The package is read whole, since JSON Schema validation needs the whole document: up to 250 MB through \
            the gateway. Example: curl -X POST -H 'Content-Type: application/json' --data-binary @release-package.json \
            'https://network.example/api/v1/ocds/release-packages?anchorOrgId=GB-LAE-DAL&mode=accept-valid'""")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
            description = "An OCDS 1.1.5 release package: https://standard.open-contracting.org/1.1/en/schema/release_package/")))
    @APIResponse(responseCode = "201", description = "The batch: every valid release was stored (ACCEPTED), or with "
            + "mode=accept-valid the valid ones were (PARTIALLY_ACCEPTED); Location is the batch")
    @APIResponse(responseCode = "400", description = "The body is not well-formed JSON, or a query parameter is not valid")
    @APIResponse(responseCode = "403", description = "The caller may not send data for that anchor")
    @APIResponse(responseCode = "422", description = "The package metadata is not valid, or (all-or-nothing) some "
            + "release is not: nothing was stored; batchId and errorsUrl lead to every error")
    @APIResponse(responseCode = "503", description = "The OCDS schema could not be loaded, so nothing can be checked now")
    public Response send(
            @Parameter(description = "The buying anchor: required from a portal (one it acts for); an anchor may leave it out") @QueryParam("anchorOrgId") String anchorOrgId,
            @Parameter(description = IngestModes.DESCRIPTION) @QueryParam("mode") String mode, InputStream body)
            throws JsonProcessingException {
        String anchor = caller.writingFor(anchorOrgId, "anchorOrgId");
        IngestBatch.Mode ingestMode = IngestModes.parse(mode);
        ReleasePackageIngest.Checked checked = check.check(parse(body));
        ReleasePackageIngest.Outcome outcome = ingest.ingest(
                new PaymentIngest.Submission(anchor, caller.orgId(), IngestBatch.Channel.OCDS, null, ingestMode), checked);
        IngestBatch batch = outcome.batch();
        if (outcome.packageRejected()) {
            throw BatchView.rejected(batch, outcome.firstErrors(), "The package itself (outside its releases) does not "
                    + "follow the OCDS 1.1.5 release package schema, so nothing was stored.");
        }
        if (batch.status == IngestBatch.Status.REJECTED) {
            throw BatchView.rejected(batch, outcome.firstErrors(), batch.rowsRejected + " of " + batch.rowsRead
                    + " releases are not valid, so nothing was stored (mode all-or-nothing). Correct them and send the "
                    + "package again, or send it with mode=accept-valid to store the valid releases.");
        }
        ReleasePackageIngest.Stored stored = outcome.stored();
        return Response.created(URI.create("/api/v1/payments/batches/" + batch.id))
                .entity(new ReleasePackageResult(BatchView.of(batch, outcome.firstErrors()),
                        new Awards(stored.awards(), stored.duplicateAwards(), stored.awardSuppliers()),
                        new Contracts(stored.contracts(), stored.duplicateContracts())))
                .build();
    }

    /** Malformed JSON (and Jackson's nesting and number limits) become a 400 problem through ProblemMappers. */
    private JsonNode parse(InputStream body) throws JsonProcessingException {
        try {
            JsonNode tree = body == null ? null : reader.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw new ApiProblemException(400, "malformed-request", "Malformed request",
                        "The request body is empty: send a release package", null);
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new ApiProblemException(400, "malformed-request", "Malformed request", "The request body could not be read",
                    null);
        }
    }
}
