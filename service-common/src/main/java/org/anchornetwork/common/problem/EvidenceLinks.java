package org.anchornetwork.common.problem;

import java.util.List;

/** Links to evidence that partners send with reports: absolute http(s) links, a bounded number of them. */
public final class EvidenceLinks {

    public static final int MAX_LINKS = 20;
    private static final int MAX_LENGTH = 1000;
    private static final String FORM = "https?://[^\\s/$.?#][^\\s]*";

    private EvidenceLinks() {
    }

    /** Adds an error for each link that is not an absolute http(s) link, and for too many links, at {@code pointer}. */
    public static void check(List<ProblemError> errors, String pointer, List<String> links) {
        if (links == null) {
            return;
        }
        if (links.size() > MAX_LINKS) {
            errors.add(ProblemError.at(pointer, "too-many", "at most " + MAX_LINKS));
        }
        for (int i = 0; i < links.size(); i++) {
            String link = links.get(i);
            if (link == null || link.length() > MAX_LENGTH || !link.matches(FORM)) {
                errors.add(ProblemError.at(pointer + "/" + i, "invalid-link",
                        "an absolute http or https link of at most " + MAX_LENGTH + " characters"));
            }
        }
    }
}
