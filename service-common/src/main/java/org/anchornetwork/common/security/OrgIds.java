package org.anchornetwork.common.security;

/** Organisation identifiers in the org-id.guide style (DESIGN.md §2), e.g. GB-LAE-DAL, GB-COH-01234567. */
public final class OrgIds {
    /** Scheme prefix (country and register), then the register's own identifier. */
    public static final String PATTERN = "[A-Z]{2}-[A-Z0-9]{2,10}-[A-Za-z0-9-]{1,60}";
    public static final String MESSAGE = "must be an org-id.guide identifier such as GB-LAE-DAL or GB-COH-01234567";

    private OrgIds() {
    }
}
