package org.anchornetwork.spend.ocds.service;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.common.problem.ProblemError;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;

/**
 * Checks a release package: first against the OCDS schema, then each release that passed it with
 * {@link ReleaseReader}. Every error is placed: in a release (that release alone is invalid) or in the package
 * metadata (the whole package is).
 */
@ApplicationScoped
public class ReleasePackageCheck {

    private static final Pattern IN_RELEASE = Pattern.compile("^/releases/(\\d{1,9})(/.*)?$");

    private final OcdsSchema schema;

    public ReleasePackageCheck(OcdsSchema schema) {
        this.schema = schema;
    }

    public ReleasePackageIngest.Checked check(JsonNode releasePackage) {
        JsonNode releases = releasePackage.path("releases");
        int count = releases.isArray() ? releases.size() : 0;
        SortedMap<Integer, List<ProblemError>> releaseErrors = new TreeMap<>();
        List<ProblemError> packageErrors = new ArrayList<>();
        for (Error error : schema.validate(releasePackage)) {
            ProblemError problem = problemOf(error);
            Matcher inRelease = IN_RELEASE.matcher(problem.pointer());
            int index = inRelease.matches() ? Integer.parseInt(inRelease.group(1)) : -1;
            if (index >= 0 && index < count) {
                releaseErrors.computeIfAbsent(index, i -> new ArrayList<>()).add(problem);
            } else {
                packageErrors.add(problem);
            }
        }
        // Every release is also read against the rules beyond the schema, so that a release reports every kind of error
        // at once; a value the schema already refused is not reported again.
        List<ReleaseReader.Release> valid = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReleaseReader.Result result = ReleaseReader.read(releases.get(i), i);
            List<ProblemError> schemaErrors = releaseErrors.getOrDefault(i, List.of());
            if (schemaErrors.isEmpty() && result.release() != null) {
                if (packageErrors.isEmpty()) {
                    valid.add(result.release());
                }
                continue;
            }
            List<ProblemError> all = new ArrayList<>(schemaErrors);
            result.errors().stream().filter(error -> !ProblemError.anyAt(schemaErrors, error.pointer())).forEach(all::add);
            releaseErrors.put(i, all);
        }
        return new ReleasePackageIngest.Checked(count, valid, releaseErrors, packageErrors);
    }

    /**
     * A schema error as a problem error: the pointer names the value at fault, or for a missing member the member
     * itself (/releases/0/id), as the project's other validation errors do; the code is the schema keyword.
     */
    static ProblemError problemOf(Error error) {
        String pointer = error.getInstanceLocation().toString();
        if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
            pointer = pointer + "/" + error.getProperty().replace("~", "~0").replace("/", "~1");
        }
        String message = error.getMessage();
        // The library starts its messages with the location, which the pointer already gives.
        String located = error.getInstanceLocation() + ": ";
        if (message != null && message.startsWith(located)) {
            message = message.substring(located.length());
        }
        return ProblemError.at(pointer.isEmpty() ? "/" : pointer, "schema-" + error.getKeyword(), message);
    }
}
