package org.anchornetwork.framework.contract.service;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.events.EventTypes;
import org.anchornetwork.events.framework.DeliveryOverdueV1;
import org.anchornetwork.framework.contract.Contract;
import org.anchornetwork.messaging.OutboxWriter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

/**
 * Flags delivery reports not in on time: every financial quarter a contract runs in is due its report by the
 * quarter's end plus a grace period (30 days by default). Each missing quarter is flagged once, with
 * framework.delivery-overdue.v1; a report that arrives later still counts, and the flag stays as history.
 */
@ApplicationScoped
public class OverdueCheck {

    private final EntityManager entityManager;
    private final OutboxWriter outbox;
    private final int graceDays;

    public OverdueCheck(EntityManager entityManager, OutboxWriter outbox,
            @ConfigProperty(name = "anchor.framework.delivery.grace-days", defaultValue = "30") int graceDays) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.graceDays = graceDays;
    }

    @Scheduled(every = "${anchor.framework.delivery.overdue-check-every:6h}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        flagOverdue(LocalDate.now());
    }

    /** The quarters of a contract whose report is due by {@code today} (started with the contract, ended by then). */
    public List<ReportingPeriod> dueQuarters(Contract contract, LocalDate today) {
        List<ReportingPeriod> due = new ArrayList<>();
        LocalDate start = contract.startsOn;
        ReportingPeriod quarter = quarterOf(start);
        while (!quarter.from().isAfter(contract.endsOn) && !quarter.to().plusDays(graceDays).isAfter(today.minusDays(1))) {
            due.add(quarter);
            quarter = quarterOf(quarter.to().plusDays(1));
        }
        return due;
    }

    public LocalDate dueOn(ReportingPeriod quarter) {
        return quarter.to().plusDays(graceDays);
    }

    /** Flags every due quarter without a report; returns how many were newly flagged. */
    @Transactional
    public int flagOverdue(LocalDate today) {
        int flagged = 0;
        List<Contract> running = Contract.list("startsOn <= ?1", today);
        for (Contract contract : running) {
            Set<String> reported = new HashSet<>(entityManager.createQuery(
                    "select r.period from DeliveryReport r where r.contractId = ?1", String.class)
                    .setParameter(1, contract.id).getResultList());
            for (ReportingPeriod quarter : dueQuarters(contract, today)) {
                if (reported.contains(quarter.name())) {
                    continue;
                }
                int inserted = entityManager.createNativeQuery("""
                        insert into delivery_overdue (contract_id, period, due_on, flagged_at) values (:contract, :period, :due, :now)
                        on conflict do nothing""")
                        .setParameter("contract", contract.id).setParameter("period", quarter.name())
                        .setParameter("due", dueOn(quarter)).setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                        .executeUpdate();
                if (inserted == 1) {
                    flagged++;
                    outbox.append(EventTypes.DELIVERY_OVERDUE_V1, contract.id.toString(), new DeliveryOverdueV1(contract.id,
                            contract.anchorOrgId, contract.supplierOrgId, quarter.name(), dueOn(quarter)));
                }
            }
        }
        if (flagged > 0) {
            Log.infof("%d delivery report(s) overdue", flagged);
        }
        return flagged;
    }

    /** Quarters flagged overdue that still have no report. */
    public List<String> overdueNow(Contract contract) {
        return entityManager.createQuery("""
                select o.key.period from DeliveryOverdue o where o.key.contractId = ?1
                  and not exists (select 1 from DeliveryReport r where r.contractId = o.key.contractId and r.period = o.key.period)
                order by o.key.period""", String.class).setParameter(1, contract.id).getResultList();
    }

    static ReportingPeriod quarterOf(LocalDate date) {
        ReportingPeriod year = ReportingPeriod.financialYearOf(date);
        int quarter = (int) (java.time.temporal.ChronoUnit.MONTHS.between(year.from(), date.withDayOfMonth(1)) / 3) + 1;
        return ReportingPeriod.parse(year.name() + "-Q" + quarter).orElseThrow();
    }
}
