package org.anchornetwork.spend.supplier.service;

import java.time.LocalDate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Keeps one row per supplier organisation. Upserts are single SQL statements so that a payment and a
 * signatory event arriving together for the same organisation never collide.
 */
@ApplicationScoped
public class SupplierRegistry {

    private final EntityManager entityManager;

    public SupplierRegistry(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Marks the organisation as a charter signatory, creating its supplier record if the network has not paid it yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markCharterSignatory(String organisationId, String name, String charterId, LocalDate since) {
        entityManager.createNativeQuery("""
                insert into supplier (organisation_id, name, charter_signatory, signatory_charter_id, signatory_since, updated_at)
                values (:id, :name, true, :charter, :since, now())
                on conflict (organisation_id) do update set
                    charter_signatory = true,
                    signatory_charter_id = excluded.signatory_charter_id,
                    signatory_since = excluded.signatory_since,
                    updated_at = now()""")
                .setParameter("id", organisationId)
                .setParameter("name", name)
                .setParameter("charter", charterId)
                .setParameter("since", since)
                .executeUpdate();
    }
}
