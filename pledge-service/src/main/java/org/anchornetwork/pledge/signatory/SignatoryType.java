package org.anchornetwork.pledge.signatory;

/** Kinds of organisation that sign a charter. Individuals never appear on the register. */
public enum SignatoryType {
    PUBLIC_SECTOR_PARTNER, BUSINESS, VCSE, RESIDENT_GROUP
}
