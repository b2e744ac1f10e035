package org.anchornetwork.pledge.progress.service;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.anchornetwork.pledge.config.PledgeConfig;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Flags commitments of current signatories that have had no progress for the lapse period (12 months by default).
 * The flag clears itself when progress is next recorded. Running it twice on a day changes nothing the second time.
 */
@ApplicationScoped
public class LapseJob {

    private final EntityManager entityManager;
    private final PledgeConfig config;

    public LapseJob(EntityManager entityManager, PledgeConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    public LapseRule rule() {
        return new LapseRule(config.lapseAfterMonths());
    }

    @Scheduled(every = "${anchor.pledge.lapse-check-every:6h}", delayed = "${anchor.pledge.lapse-check-delay:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        flagLapsed(LocalDate.now());
    }

    /** Flags what has lapsed by {@code today}; returns how many commitments were newly flagged. */
    @Transactional
    public int flagLapsed(LocalDate today) {
        int flagged = entityManager.createNativeQuery("""
                update commitment c
                set lapsed_since = (greatest(c.committed_on, coalesce(c.last_progress_on, c.committed_on))
                                    + make_interval(months => :months))::date,
                    updated_at = now()
                from signatory s
                where s.id = c.signatory_id and s.left_on is null and c.lapsed_since is null
                  and greatest(c.committed_on, coalesce(c.last_progress_on, c.committed_on))
                      + make_interval(months => :months) <= :today""")
                .setParameter("months", config.lapseAfterMonths())
                .setParameter("today", today)
                .executeUpdate();
        if (flagged > 0) {
            Log.infof("%d commitment(s) flagged lapsed: no progress for %d months", flagged, config.lapseAfterMonths());
        }
        return flagged;
    }
}
