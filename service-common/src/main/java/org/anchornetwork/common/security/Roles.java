package org.anchornetwork.common.security;

/** Realm roles of the anchor-network realm (DESIGN.md §3). */
public final class Roles {
    public static final String NETWORK_ADMIN = "network-admin";
    public static final String ANCHOR = "anchor";
    public static final String PORTAL = "portal";
    public static final String SUPPLIER = "supplier";
    public static final String SIGNATORY = "signatory";

    private Roles() {
    }
}
