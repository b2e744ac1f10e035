package org.anchornetwork.spend.supplier.service;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.anchornetwork.spend.rollup.SpendRollups;
import org.anchornetwork.spend.rollup.service.CubeMaintenance;
import org.anchornetwork.spend.supplier.SupplierNames;

/**
 * The network's one supplier registry. Suppliers are found by identifier (org-id.guide ids, VAT numbers), by an
 * anchor's own reference, or by normalised name; writes are single SQL statements that tolerate a payment batch and
 * a signatory event arriving together for the same organisation.
 */
@ApplicationScoped
public class SupplierRegistry {

    public enum SiteKind {
        REGISTERED_OFFICE, BRANCH
    }

    private final EntityManager entityManager;
    private final CubeMaintenance cubes;

    public SupplierRegistry(EntityManager entityManager, CubeMaintenance cubes) {
        this.entityManager = entityManager;
        this.cubes = cubes;
    }

    /** The scheme of an identifier: "GB-COH" of "GB-COH-01234567", "GB-VAT" of "GB-VAT-123456789". */
    public static String schemeOf(String identifier) {
        int second = identifier.indexOf('-', identifier.indexOf('-') + 1);
        return second < 0 ? identifier : identifier.substring(0, second);
    }

    /** An org-id.guide identifier (not a VAT number) is also the supplier's organisation id. */
    private static boolean isOrganisationId(String identifier) {
        return !schemeOf(identifier).equals("GB-VAT");
    }

    /** The supplier with this identifier, created (named {@code name}) when the network does not know it yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID ensureByIdentifier(String identifier, String name) {
        UUID known = supplierWithIdentifier(identifier);
        if (known != null) {
            return known;
        }
        UUID created = UUID.randomUUID();
        int inserted = entityManager.createNativeQuery("""
                insert into supplier (id, organisation_id, name, charter_signatory, created_at, updated_at)
                values (:id, :organisation, :name, false, now(), now())
                on conflict (organisation_id) where organisation_id is not null do nothing""")
                .setParameter("id", created).setParameter("organisation", isOrganisationId(identifier) ? identifier : null)
                .setParameter("name", name).executeUpdate();
        if (inserted == 1) {
            entityManager.createNativeQuery("""
                    insert into supplier_identity (identifier, scheme, supplier_id) values (:identifier, :scheme, :id)
                    on conflict (identifier) do nothing""")
                    .setParameter("identifier", identifier).setParameter("scheme", schemeOf(identifier))
                    .setParameter("id", created).executeUpdate();
        }
        UUID winner = supplierWithIdentifier(identifier);
        addName(winner, name, false);
        return winner;
    }

    /** A new supplier known only by its name (no identifier yet). */
    @Transactional(Transactional.TxType.MANDATORY)
    public UUID create(String name) {
        UUID created = UUID.randomUUID();
        entityManager.createNativeQuery("""
                insert into supplier (id, name, charter_signatory, created_at, updated_at) values (:id, :name, false, now(), now())""")
                .setParameter("id", created).setParameter("name", name.strip()).executeUpdate();
        addName(created, name, false);
        return created;
    }

    /**
     * Folds {@code other} into {@code kept}: identities, names, references, sites and payments move over; the charter
     * flag and known attributes are kept where {@code kept} lacks them; {@code other} is deleted.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void merge(UUID kept, UUID other) {
        cubes.changing();
        SpendRollups.reassign(entityManager, "update payment p set supplier_id = :kept where p.supplier_id = :other", other,
                Map.of("kept", kept, "other", other));
        for (String table : List.of("supplier_identity", "supplier_name", "supplier_reference")) {
            entityManager.createNativeQuery("update " + table + " set supplier_id = :kept where supplier_id = :other")
                    .setParameter("kept", kept).setParameter("other", other).executeUpdate();
        }
        entityManager.createNativeQuery("""
                insert into supplier_site (supplier_id, postcode, kind) select :kept, postcode, kind from supplier_site
                where supplier_id = :other on conflict (supplier_id, postcode) do nothing""")
                .setParameter("kept", kept).setParameter("other", other).executeUpdate();
        // The organisation id is unique: take it off the one going before the kept one may have it.
        List<?> otherOrganisation = entityManager.createNativeQuery("select organisation_id from supplier where id = :other")
                .setParameter("other", other).getResultList();
        entityManager.createNativeQuery("update supplier set organisation_id = null where id = :other")
                .setParameter("other", other).executeUpdate();
        entityManager.createNativeQuery("""
                update supplier k set organisation_id = coalesce(k.organisation_id, cast(:organisation as varchar)),
                    size_class = coalesce(k.size_class, o.size_class), vcse = coalesce(k.vcse, o.vcse),
                    sic_codes = coalesce(k.sic_codes, o.sic_codes),
                    charter_signatory = k.charter_signatory or o.charter_signatory,
                    signatory_charter_id = coalesce(k.signatory_charter_id, o.signatory_charter_id),
                    signatory_since = coalesce(k.signatory_since, o.signatory_since), updated_at = now()
                from supplier o where k.id = :kept and o.id = :other""")
                .setParameter("kept", kept).setParameter("other", other)
                .setParameter("organisation", otherOrganisation.isEmpty() ? null : otherOrganisation.get(0)).executeUpdate();
        // Survey answers go with the supplier, unless the kept one has its own for that year.
        entityManager.createNativeQuery("""
                update lm3_supplier_survey s set supplier_id = :kept where s.supplier_id = :other and not exists
                    (select 1 from lm3_supplier_survey k where k.supplier_id = :kept and k.financial_year = s.financial_year)""")
                .setParameter("kept", kept).setParameter("other", other).executeUpdate();
        entityManager.createNativeQuery("delete from supplier where id = :other").setParameter("other", other).executeUpdate();
        cubes.reconcileSuppliers(List.of(kept, other));
    }

    /** Adds an identifier to a supplier; false when it already names another supplier. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean addIdentifier(UUID supplier, String identifier) {
        entityManager.createNativeQuery("""
                insert into supplier_identity (identifier, scheme, supplier_id) values (:identifier, :scheme, :id)
                on conflict (identifier) do nothing""")
                .setParameter("identifier", identifier).setParameter("scheme", schemeOf(identifier))
                .setParameter("id", supplier).executeUpdate();
        if (isOrganisationId(identifier)) {
            entityManager.createNativeQuery("""
                    update supplier set organisation_id = :identifier where id = :id and organisation_id is null
                    and not exists (select 1 from supplier where organisation_id = :identifier)""")
                    .setParameter("identifier", identifier).setParameter("id", supplier).executeUpdate();
        }
        return supplier.equals(supplierWithIdentifier(identifier));
    }

    /** Records a name (or an alias) of the supplier; a normalised name already taken by another supplier stays theirs. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void addName(UUID supplier, String name, boolean alias) {
        String normalised = SupplierNames.normalise(name);
        if (normalised == null) {
            return;
        }
        entityManager.createNativeQuery("""
                insert into supplier_name (normalised_name, supplier_id, name, kind) values (:normalised, :id, :name, :kind)
                on conflict (normalised_name) do nothing""")
                .setParameter("normalised", normalised).setParameter("id", supplier).setParameter("name", name.strip())
                .setParameter("kind", alias ? "ALIAS" : "NAME").executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void addReference(String anchorOrgId, String reference, UUID supplier) {
        entityManager.createNativeQuery("""
                insert into supplier_reference (anchor_org_id, reference, supplier_id) values (:anchor, :reference, :id)
                on conflict (anchor_org_id, reference) do update set supplier_id = excluded.supplier_id""")
                .setParameter("anchor", anchorOrgId).setParameter("reference", reference).setParameter("id", supplier)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void addSite(UUID supplier, String normalisedPostcode, SiteKind kind) {
        entityManager.createNativeQuery("""
                insert into supplier_site (supplier_id, postcode, kind) values (:id, :postcode, :kind)
                on conflict (supplier_id, postcode) do update set kind = case when supplier_site.kind = 'REGISTERED_OFFICE'
                    then supplier_site.kind else excluded.kind end""")
                .setParameter("id", supplier).setParameter("postcode", normalisedPostcode).setParameter("kind", kind.name())
                .executeUpdate();
    }

    /** The supplier an anchor's reference, an identifier or a name points at, in that order; null when none does. */
    public UUID find(String anchorOrgId, String reference, List<String> identifiers, String name) {
        if (reference != null) {
            List<?> byReference = entityManager.createNativeQuery(
                    "select supplier_id from supplier_reference where anchor_org_id = :anchor and reference = :reference")
                    .setParameter("anchor", anchorOrgId).setParameter("reference", reference).getResultList();
            if (!byReference.isEmpty()) {
                return (UUID) byReference.get(0);
            }
        }
        for (String identifier : identifiers) {
            UUID byIdentifier = supplierWithIdentifier(identifier);
            if (byIdentifier != null) {
                return byIdentifier;
            }
        }
        String normalised = SupplierNames.normalise(name);
        if (normalised == null) {
            return null;
        }
        List<?> byName = entityManager.createNativeQuery("select supplier_id from supplier_name where normalised_name = :name")
                .setParameter("name", normalised).getResultList();
        return byName.isEmpty() ? null : (UUID) byName.get(0);
    }

    /** Marks the organisation as a charter signatory, creating its supplier record if the network has not paid it yet. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markCharterSignatory(String organisationId, String name, String charterId, LocalDate since) {
        cubes.changing();
        UUID supplier = ensureByIdentifier(organisationId, name);
        entityManager.createNativeQuery("""
                update supplier set charter_signatory = true, signatory_charter_id = :charter, signatory_since = :since,
                    updated_at = now() where id = :id""")
                .setParameter("charter", charterId).setParameter("since", since).setParameter("id", supplier).executeUpdate();
        cubes.reconcileSuppliers(List.of(supplier));
    }

    /** The organisation left the charter it signed: its supplier record stops counting as a signatory's. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unmarkCharterSignatory(String organisationId, String charterId) {
        cubes.changing();
        UUID supplier = supplierWithIdentifier(organisationId);
        if (supplier == null) {
            return;
        }
        int changed = entityManager.createNativeQuery("""
                update supplier set charter_signatory = false, signatory_charter_id = null, signatory_since = null,
                    updated_at = now() where id = :id and signatory_charter_id = :charter""")
                .setParameter("id", supplier).setParameter("charter", charterId).executeUpdate();
        if (changed > 0) {
            cubes.reconcileSuppliers(List.of(supplier));
        }
    }

    /**
     * Payments that may still be matched (alias {@code p}): those without a supplier, redacted payees never (decision
     * 0009): whatever reference, identifier or name a redacted payment carries, it names a person, not a supplier.
     */
    static final String MATCHABLE = "p.supplier_id is null and not p.redacted";

    /**
     * Matches payments still without a supplier: by the anchor's reference, then identifier, then normalised name.
     * Run after the registry learns references, identifiers or names; returns how many payments were matched.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int rematchUnmatched() {
        cubes.changing();
        // Only payments without a supplier change, so the rollup moves them from "no supplier" to theirs.
        int matched = SpendRollups.reassign(entityManager, """
                update payment p set supplier_id = r.supplier_id, match_method = 'REFERENCE' from supplier_reference r
                where %s and r.anchor_org_id = p.anchor_org_id and r.reference = p.supplier_reference""".formatted(MATCHABLE),
                null, Map.of());
        matched += SpendRollups.reassign(entityManager, """
                update payment p set supplier_id = i.supplier_id, match_method = 'IDENTIFIER' from supplier_identity i
                where %s and i.identifier = p.supplier_org_id""".formatted(MATCHABLE), null, Map.of());
        matched += SpendRollups.reassign(entityManager, """
                update payment p set supplier_id = n.supplier_id, match_method = 'NAME' from supplier_name n
                where %s and n.normalised_name = p.supplier_name_normalised""".formatted(MATCHABLE), null, Map.of());
        return matched;
    }

    private UUID supplierWithIdentifier(String identifier) {
        List<?> rows = entityManager.createNativeQuery("select supplier_id from supplier_identity where identifier = :identifier")
                .setParameter("identifier", identifier).getResultList();
        return rows.isEmpty() ? null : (UUID) rows.get(0);
    }
}
