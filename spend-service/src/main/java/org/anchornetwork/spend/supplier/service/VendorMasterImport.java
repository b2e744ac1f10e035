package org.anchornetwork.spend.supplier.service;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.spend.rollup.service.CubeMaintenance;
import org.anchornetwork.spend.supplier.Supplier;

import io.quarkus.narayana.jta.runtime.TransactionConfiguration;

/**
 * Applies an anchor's vendor master to the registry: each record finds its supplier by the anchor's reference, an
 * identifier or its name (else a new supplier), and gives it what the record knows. Then payments not yet matched
 * are matched again. One transaction: all or nothing, or the valid records with the others reported.
 */
@ApplicationScoped
public class VendorMasterImport {

    private final SupplierRegistry registry;
    private final EntityManager entityManager;
    private final CubeMaintenance cubes;

    public VendorMasterImport(SupplierRegistry registry, EntityManager entityManager, CubeMaintenance cubes) {
        this.registry = registry;
        this.entityManager = entityManager;
        this.cubes = cubes;
    }

    public record Result(int received, int created, int updated, int rejected, int paymentsMatched, List<ProblemError> errors) {
    }

    /** A whole network's vendor master (tens of thousands of suppliers) takes longer than the default minute. */
    @Transactional
    @TransactionConfiguration(timeout = 1800)
    public Result apply(String anchorOrgId, List<VendorMaster.Checked> records, boolean acceptValid) {
        List<ProblemError> errors = new ArrayList<>();
        int rejected = 0;
        for (VendorMaster.Checked record : records) {
            if (!record.errors().isEmpty()) {
                rejected++;
                errors.addAll(record.errors());
            }
        }
        if (rejected > 0 && !acceptValid) {
            return new Result(records.size(), 0, 0, rejected, 0, errors);
        }
        int created = 0;
        int updated = 0;
        cubes.changing();
        List<UUID> touched = new ArrayList<>();
        for (VendorMaster.Checked checked : records) {
            if (!checked.errors().isEmpty()) {
                continue;
            }
            VendorMaster.VendorRecord record = checked.record();
            UUID supplier = registry.find(anchorOrgId, record.reference(), checked.identifiers(), record.name());
            if (supplier == null) {
                supplier = checked.identifiers().isEmpty() ? registry.create(record.name())
                        : registry.ensureByIdentifier(checked.identifiers().get(0), record.name());
                created++;
            } else {
                updated++;
            }
            touched.add(supplier);
            for (String identifier : checked.identifiers()) {
                registry.addIdentifier(supplier, identifier);
            }
            registry.addName(supplier, record.name(), false);
            if (record.reference() != null && !record.reference().isBlank()) {
                registry.addReference(anchorOrgId, record.reference().strip(), supplier);
            }
            if (checked.postcode() != null) {
                registry.addSite(supplier, checked.postcode(), SupplierRegistry.SiteKind.REGISTERED_OFFICE);
            }
            for (String branch : checked.branchPostcodes()) {
                registry.addSite(supplier, branch, SupplierRegistry.SiteKind.BRANCH);
            }
            Supplier entity = entityManager.find(Supplier.class, supplier);
            if (record.sizeClass() != null) {
                entity.sizeClass = record.sizeClass();
            }
            if (record.vcse() != null) {
                entity.vcse = record.vcse();
            }
            if (record.sicCodes() != null && !record.sicCodes().isEmpty()) {
                entity.sicCodes = record.sicCodes().stream().map(String::strip).toArray(String[]::new);
            }
            entity.updatedAt = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
            // Every native statement flushes the session first: keep it small, or a large vendor master costs n².
            if (touched.size() % 200 == 0) {
                entityManager.flush();
                entityManager.clear();
            }
        }
        entityManager.flush();
        int matched = registry.rematchUnmatched();
        cubes.reconcileSuppliers(touched);
        return new Result(records.size(), created, updated, rejected, matched, errors);
    }
}
