package org.anchornetwork.pledge.signatory;

/**
 * The ladder a commitment climbs: PLEDGED when taken, EVIDENCED once progress with evidence is recorded (a report
 * with evidence links, or figures the network's own data produced), VERIFIED when the network admin has checked it.
 * Lapsing (no progress for the lapse period) is a separate flag, so a lapsed commitment keeps its place on the ladder.
 */
public enum CommitmentStatus {
    PLEDGED, EVIDENCED, VERIFIED
}
