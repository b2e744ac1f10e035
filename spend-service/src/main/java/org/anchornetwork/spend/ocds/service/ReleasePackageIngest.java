package org.anchornetwork.spend.ocds.service;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.spend.geography.Postcodes;
import org.anchornetwork.spend.ingest.IngestBatch;
import org.anchornetwork.spend.ingest.service.BatchErrors;
import org.anchornetwork.spend.ingest.service.PaymentIngest;
import org.anchornetwork.spend.supplier.service.SupplierRegistry;
import org.anchornetwork.spend.rollup.service.CubeMaintenance;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Stores the awards and contracts of a checked release package, and records the package as a batch (channel OCDS,
 * counted in releases) in the same transaction. A release received before (same ocid and release id) is a
 * duplicate; an award stored before (same ocid and award id) is not stored again.
 */
@ApplicationScoped
public class ReleasePackageIngest {

    private final EntityManager entityManager;
    private final SupplierRegistry registry;
    private final CubeMaintenance cubes;
    private final int maxRecordedErrors;
    private final Duration transactionTimeout;

    public ReleasePackageIngest(EntityManager entityManager, SupplierRegistry registry, CubeMaintenance cubes,
            @ConfigProperty(name = "anchor.spend.ingest.max-recorded-errors", defaultValue = "10000") int maxRecordedErrors,
            @ConfigProperty(name = "anchor.spend.ingest.transaction-timeout", defaultValue = "PT30M") Duration transactionTimeout) {
        this.entityManager = entityManager;
        this.registry = registry;
        this.cubes = cubes;
        this.maxRecordedErrors = maxRecordedErrors;
        this.transactionTimeout = transactionTimeout;
    }

    /**
     * A package as checked: how many releases it has, those without errors, the errors of the others (by release
     * index), and errors outside any release, which reject the whole package.
     */
    public record Checked(int releasesRead, List<ReleaseReader.Release> valid, SortedMap<Integer, List<ProblemError>> releaseErrors,
            List<ProblemError> packageErrors) {
    }

    /** What a stored package added: awards, their suppliers and contracts, and those sent before. */
    public record Stored(long awards, long awardSuppliers, long contracts, long duplicateAwards, long duplicateContracts) {
        static final Stored NOTHING = new Stored(0, 0, 0, 0, 0);
    }

    public record Outcome(IngestBatch batch, List<ProblemError> firstErrors, Stored stored, boolean packageRejected) {
    }

    public Outcome ingest(PaymentIngest.Submission submission, Checked checked) {
        return QuarkusTransaction.requiringNew().timeout((int) transactionTimeout.toSeconds())
                .call(() -> entityManager.unwrap(Session.class).doReturningWork(connection -> run(connection, submission, checked)));
    }

    private Outcome run(Connection connection, PaymentIngest.Submission submission, Checked checked) throws SQLException {
        cubes.changing(); // award suppliers join the registry with sites, and payments may match them
        OffsetDateTime receivedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        SortedMap<Integer, List<ProblemError>> releaseErrors = new TreeMap<>(checked.releaseErrors());
        List<ReleaseReader.Release> valid = checked.packageErrors().isEmpty()
                ? withKnownAwards(connection, submission.anchorOrgId(), checked.valid(), releaseErrors)
                : List.of();
        boolean packageRejected = !checked.packageErrors().isEmpty();
        boolean store = !packageRejected && (releaseErrors.isEmpty() || submission.mode() == IngestBatch.Mode.ACCEPT_VALID);

        IngestBatch batch = new IngestBatch();
        batch.id = UUID.randomUUID();
        batch.anchorOrgId = submission.anchorOrgId();
        batch.submittedByOrgId = submission.submittedByOrgId();
        batch.channel = IngestBatch.Channel.OCDS;
        batch.fileName = submission.fileName();
        batch.mode = submission.mode();
        batch.status = IngestBatch.Status.REJECTED;
        batch.rowsRead = checked.releasesRead();
        batch.rowsRejected = packageRejected ? checked.releasesRead() : releaseErrors.size();
        batch.amountAccepted = BigDecimal.ZERO.setScale(2);
        batch.receivedAt = receivedAt;
        batch.completedAt = receivedAt;
        List<ProblemError> errors = new ArrayList<>(checked.packageErrors());
        releaseErrors.values().forEach(errors::addAll);
        List<ProblemError> recorded = errors.subList(0, Math.min(maxRecordedErrors, errors.size()));
        batch.errorsRecorded = recorded.size();
        // The batch row goes first: what the package stores refers to it.
        entityManager.persist(batch);
        entityManager.flush();

        Stored stored = Stored.NOTHING;
        if (store) {
            stored = store(connection, batch, valid, receivedAt);
            registerSuppliers(batch.anchorOrgId, valid);
            batch.status = releaseErrors.isEmpty() ? IngestBatch.Status.ACCEPTED : IngestBatch.Status.PARTIALLY_ACCEPTED;
        }
        batch.completedAt = OffsetDateTime.now(ZoneOffset.UTC);
        BatchErrors.record(connection, batch.id, recorded);
        return new Outcome(batch, errors.subList(0, Math.min(PaymentIngest.QUOTED, errors.size())), stored, packageRejected);
    }

    /** Registers that identify an organisation; portals' own party ids (Contracts Finder's GB-CFS-…) do not. */
    private static final Set<String> REGISTERS = Set.of("GB-COH", "GB-CHC", "GB-SC", "GB-NIC", "GB-PPON", "GB-EDU",
            "GB-NHS", "GB-LAE", "GB-LAS", "GB-UKPRN", "GB-MPR");

    /**
     * Award suppliers join the network's registry: found by a registered identifier or their name (else new), with
     * their address's postcode as a site (the registered office, as OCDS parties give it); payments not yet matched are matched again.
     */
    private void registerSuppliers(String anchorOrgId, List<ReleaseReader.Release> releases) {
        List<UUID> touched = new ArrayList<>();
        for (ReleaseReader.Release release : releases) {
            for (ReleaseReader.Award award : release.awards()) {
                for (ReleaseReader.Supplier party : award.suppliers()) {
                    String name = party.legalName() != null ? party.legalName() : party.name();
                    if (name == null || name.isBlank()) {
                        continue;
                    }
                    List<String> identifiers = party.identifierScheme() != null && party.identifierId() != null
                            && REGISTERS.contains(party.identifierScheme())
                                    ? List.of(party.identifierScheme() + "-" + party.identifierId().replaceAll("\\s", ""))
                                    : List.of();
                    UUID supplier = registry.find(anchorOrgId, null, identifiers, name);
                    if (supplier == null) {
                        supplier = identifiers.isEmpty() ? registry.create(name) : registry.ensureByIdentifier(identifiers.get(0), name);
                    }
                    registry.addName(supplier, name, false);
                    UUID registered = supplier;
                    // Contracts Finder writes the postcode into the street address rather than postalCode.
                    Postcodes.normalise(party.postalCode()).or(() -> Postcodes.findIn(party.streetAddress()))
                            .ifPresent(postcode -> registry.addSite(registered, postcode, SupplierRegistry.SiteKind.REGISTERED_OFFICE));
                    touched.add(supplier);
                }
            }
        }
        if (!touched.isEmpty()) {
            registry.rematchUnmatched();
            cubes.reconcileSuppliers(touched);
        }
    }

    /**
     * A contract names its award by id, and the award may come in an earlier release (the usual order: an award
     * notice, then a contract notice). Contracts whose award is in no valid release of this package and was never
     * stored make their release invalid.
     */
    private static List<ReleaseReader.Release> withKnownAwards(Connection connection, String anchor,
            List<ReleaseReader.Release> releases, SortedMap<Integer, List<ProblemError>> releaseErrors) throws SQLException {
        Map<String, Set<String>> awardsByOcid = new HashMap<>();
        for (ReleaseReader.Release release : releases) {
            release.awards().forEach(award -> awardsByOcid.computeIfAbsent(release.ocid(), ocid -> new HashSet<>()).add(award.awardId()));
        }
        List<ReleaseReader.Release> known = new ArrayList<>();
        try (PreparedStatement stored = connection.prepareStatement(
                "select 1 from contract_award where anchor_org_id = ? and ocid = ? and award_id = ?")) {
            for (ReleaseReader.Release release : releases) {
                List<ProblemError> unknown = new ArrayList<>();
                for (ReleaseReader.Contract contract : release.contracts()) {
                    if (awardsByOcid.getOrDefault(release.ocid(), Set.of()).contains(contract.awardId())) {
                        continue;
                    }
                    stored.setString(1, anchor);
                    stored.setString(2, release.ocid());
                    stored.setString(3, contract.awardId());
                    try (ResultSet found = stored.executeQuery()) {
                        if (!found.next()) {
                            unknown.add(ProblemError.at("/releases/" + release.index() + "/contracts/" + contract.position()
                                    + "/awardID", "award-unknown", "no award '" + contract.awardId() + "' of " + release.ocid()
                                    + " is in this package or was sent before"));
                        }
                    }
                }
                if (unknown.isEmpty()) {
                    known.add(release);
                } else {
                    releaseErrors.put(release.index(), unknown);
                }
            }
        }
        return known;
    }

    private static Stored store(Connection connection, IngestBatch batch, List<ReleaseReader.Release> releases,
            OffsetDateTime now) throws SQLException {
        long awards = 0;
        long suppliers = 0;
        long contracts = 0;
        long duplicateAwards = 0;
        long duplicateContracts = 0;
        try (PreparedStatement releaseInsert = connection.prepareStatement("""
                insert into ocds_release (anchor_org_id, ocid, release_id, batch_id, release_date, received_at)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""");
                PreparedStatement awardInsert = connection.prepareStatement("""
                        insert into contract_award (id, anchor_org_id, batch_id, ocid, release_id, award_id, title, status,
                            award_date, value_amount, currency, buyer_party_id, buyer_name, contract_start, contract_end, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""");
                PreparedStatement supplierInsert = connection.prepareStatement("""
                        insert into contract_award_supplier (award_id, party_id, name, identifier_scheme, identifier_id,
                            legal_name, street_address, locality, postal_code, country_name)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement awardQuery = connection.prepareStatement(
                        "select id from contract_award where anchor_org_id = ? and ocid = ? and award_id = ?");
                PreparedStatement contractInsert = connection.prepareStatement("""
                        insert into award_contract (id, award_id, batch_id, contract_id, title, status, value_amount, currency,
                            period_start, period_end, date_signed, created_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""")) {
            List<ReleaseReader.Release> accepted = new ArrayList<>();
            for (ReleaseReader.Release release : releases) {
                int p = 1;
                releaseInsert.setString(p++, batch.anchorOrgId);
                releaseInsert.setString(p++, release.ocid());
                releaseInsert.setString(p++, release.releaseId());
                releaseInsert.setObject(p++, batch.id);
                releaseInsert.setObject(p++, release.date(), Types.TIMESTAMP_WITH_TIMEZONE);
                releaseInsert.setObject(p, now);
                if (releaseInsert.executeUpdate() == 0) {
                    batch.rowsDuplicate++;
                    continue;
                }
                batch.rowsAccepted++;
                accepted.add(release);
                for (ReleaseReader.Award award : release.awards()) {
                    UUID id = UUID.randomUUID();
                    p = 1;
                    awardInsert.setObject(p++, id);
                    awardInsert.setString(p++, batch.anchorOrgId);
                    awardInsert.setObject(p++, batch.id);
                    awardInsert.setString(p++, release.ocid());
                    awardInsert.setString(p++, release.releaseId());
                    awardInsert.setString(p++, award.awardId());
                    awardInsert.setString(p++, award.title());
                    awardInsert.setString(p++, award.status());
                    awardInsert.setObject(p++, sqlDate(award.date()), Types.DATE);
                    awardInsert.setBigDecimal(p++, award.amount());
                    awardInsert.setString(p++, award.currency());
                    awardInsert.setString(p++, award.buyerPartyId());
                    awardInsert.setString(p++, award.buyerName());
                    awardInsert.setObject(p++, sqlDate(award.contractStart()), Types.DATE);
                    awardInsert.setObject(p++, sqlDate(award.contractEnd()), Types.DATE);
                    awardInsert.setObject(p, now);
                    if (awardInsert.executeUpdate() == 0) {
                        duplicateAwards++;
                        continue;
                    }
                    awards++;
                    for (ReleaseReader.Supplier supplier : award.suppliers()) {
                        p = 1;
                        supplierInsert.setObject(p++, id);
                        supplierInsert.setString(p++, supplier.partyId());
                        supplierInsert.setString(p++, supplier.name());
                        supplierInsert.setString(p++, supplier.identifierScheme());
                        supplierInsert.setString(p++, supplier.identifierId());
                        supplierInsert.setString(p++, supplier.legalName());
                        supplierInsert.setString(p++, supplier.streetAddress());
                        supplierInsert.setString(p++, supplier.locality());
                        supplierInsert.setString(p++, supplier.postalCode());
                        supplierInsert.setString(p, supplier.countryName());
                        supplierInsert.addBatch();
                        suppliers++;
                    }
                    supplierInsert.executeBatch();
                }
            }
            // Contracts once every award is in: a contract's award may come in a later release of the package.
            for (ReleaseReader.Release release : accepted) {
                for (ReleaseReader.Contract contract : release.contracts()) {
                    awardQuery.setString(1, batch.anchorOrgId);
                    awardQuery.setString(2, release.ocid());
                    awardQuery.setString(3, contract.awardId());
                    UUID awardId;
                    try (ResultSet found = awardQuery.executeQuery()) {
                        found.next(); // withKnownAwards made sure it exists
                        awardId = found.getObject(1, UUID.class);
                    }
                    int p = 1;
                    contractInsert.setObject(p++, UUID.randomUUID());
                    contractInsert.setObject(p++, awardId);
                    contractInsert.setObject(p++, batch.id);
                    contractInsert.setString(p++, contract.contractId());
                    contractInsert.setString(p++, contract.title());
                    contractInsert.setString(p++, contract.status());
                    contractInsert.setBigDecimal(p++, contract.amount());
                    contractInsert.setString(p++, contract.currency());
                    contractInsert.setObject(p++, sqlDate(contract.periodStart()), Types.DATE);
                    contractInsert.setObject(p++, sqlDate(contract.periodEnd()), Types.DATE);
                    contractInsert.setObject(p++, sqlDate(contract.dateSigned()), Types.DATE);
                    contractInsert.setObject(p, now);
                    if (contractInsert.executeUpdate() == 0) {
                        duplicateContracts++;
                    } else {
                        contracts++;
                    }
                }
            }
        }
        return new Stored(awards, suppliers, contracts, duplicateAwards, duplicateContracts);
    }

    private static Date sqlDate(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }
}
