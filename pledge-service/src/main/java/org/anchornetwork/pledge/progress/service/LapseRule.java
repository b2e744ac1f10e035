package org.anchornetwork.pledge.progress.service;

import java.time.LocalDate;

/**
 * When a commitment lapses: no progress recorded for {@code months} months, counted from the latest progress (or
 * from taking the pledge, before any). The scheduled job and the status check apply the same rule.
 */
public record LapseRule(int months) {

    /** The first day the commitment counts as lapsed, given its latest progress on or before the day asked about. */
    public LocalDate lapsesOn(LocalDate committedOn, LocalDate latestProgressOn) {
        LocalDate from = latestProgressOn == null || latestProgressOn.isBefore(committedOn) ? committedOn : latestProgressOn;
        return from.plusMonths(months);
    }

    public boolean lapsedOn(LocalDate date, LocalDate committedOn, LocalDate latestProgressOn) {
        return !date.isBefore(lapsesOn(committedOn, latestProgressOn));
    }
}
