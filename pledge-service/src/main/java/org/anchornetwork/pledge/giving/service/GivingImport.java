package org.anchornetwork.pledge.giving.service;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.pledge.config.PledgeConfig;
import org.anchornetwork.pledge.giving.GivingGrant;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.Signatory;

/**
 * Imports a signatory's grants from 360Giving data: places each in the network's tiers, stores it under its own
 * identifier (importing the same file again stores nothing twice; a corrected grant replaces the earlier copy), and
 * records "give locally" progress. Grants in other currencies than GBP are listed and not counted. One transaction:
 * a failure stores nothing.
 */
@ApplicationScoped
public class GivingImport {

    private final GrantLocator locator;
    private final GivingProgress progress;
    private final PledgeConfig config;

    public GivingImport(GrantLocator locator, GivingProgress progress, PledgeConfig config) {
        this.locator = locator;
        this.progress = progress;
        this.config = config;
    }

    /** The import's outcome, per financial year of award. */
    public record Summary(int grantsRead, int imported, int updated, int unchanged, List<String> skippedNotGbp,
            BigDecimal totalAmount, List<YearTotals> byFinancialYear, List<GivingProgress.Recorded> progressRecorded) {
    }

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "GivingYear",
            description = "A financial year of a signatory's imported grants: how many, how much, how much located in each tier, how much unplaced")
    public record YearTotals(String financialYear, int grants, BigDecimal amount, Map<String, BigDecimal> localAmount,
            int unplacedGrants, BigDecimal unplacedAmount) {
    }

    @Transactional
    public Summary importGrants(Signatory signatory, List<GrantRecord> grants) {
        if (grants.size() > config.maxGrantsPerImport()) {
            throw new ApiProblemException(413, "too-many-grants", "Too many grants", grants.size() + " grants in one import; "
                    + "at most " + config.maxGrantsPerImport() + ": split the file by year", null);
        }
        if (grants.isEmpty()) {
            throw ApiProblemException.invalid("The file holds no grants", List.of(ProblemError.at("/grants", "required",
                    "at least one grant")));
        }
        GrantLocator.Session places = locator.session();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int imported = 0;
        int updated = 0;
        int unchanged = 0;
        List<String> skipped = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        Map<String, List<GivingGrant>> byYear = new TreeMap<>();
        for (GrantRecord record : grants) {
            if (!"GBP".equals(record.currency())) {
                skipped.add(record.id());
                continue;
            }
            GrantLocator.Placed placed = places.place(record);
            GivingGrant.Key key = new GivingGrant.Key(signatory.id, record.id());
            GivingGrant grant = GivingGrant.findById(key);
            boolean isNew = grant == null;
            if (isNew) {
                grant = new GivingGrant();
                grant.key = key;
            }
            String[] tiers = placed.tiers().stream().sorted().toArray(String[]::new);
            String title = truncate(record.title(), 500);
            if (!isNew && grant.amount.compareTo(record.amountAwarded()) == 0 && grant.awardDate.equals(record.awardDate())
                    && java.util.Objects.equals(grant.title, title) && java.util.Arrays.equals(grant.tiers, tiers)
                    && grant.locationSource == placed.source()) {
                unchanged++;
            } else {
                grant.title = title;
                grant.amount = record.amountAwarded();
                grant.currency = record.currency();
                grant.awardDate = record.awardDate();
                grant.financialYear = ReportingPeriod.financialYearOf(record.awardDate()).name();
                grant.recipientOrgId = truncate(record.recipientOrganisationId(), 200);
                grant.recipientName = truncate(record.recipientOrganisationName(), 500);
                grant.recipientPostcode = truncate(record.recipientPostcode(), 12);
                grant.locationSource = placed.source();
                grant.areaCode = placed.areaCode() == null || placed.areaCode().length() > 9 ? null : placed.areaCode();
                grant.tiers = tiers;
                grant.importedAt = now;
                grant.persist();
                if (isNew) {
                    imported++;
                } else {
                    updated++;
                }
            }
            total = total.add(record.amountAwarded());
            byYear.computeIfAbsent(grant.financialYear, year -> new ArrayList<>()).add(grant);
        }
        List<GivingProgress.Recorded> recorded = new ArrayList<>();
        for (Commitment commitment : Commitment.ofSignatory(signatory.id)) {
            recorded.addAll(progress.refresh(signatory, commitment));
        }
        return new Summary(grants.size(), imported, updated, unchanged, skipped, total,
                yearTotals(byYear, places.tierNames()), recorded);
    }

    /** A signatory's imported grants per financial year, with the tiers they were placed in. */
    public static List<YearTotals> yearTotals(Signatory signatory) {
        List<GivingGrant> grants = GivingGrant.list("key.signatoryId", signatory.id);
        Map<String, List<GivingGrant>> byYear = new TreeMap<>();
        grants.forEach(grant -> byYear.computeIfAbsent(grant.financialYear, year -> new ArrayList<>()).add(grant));
        List<String> tiers = grants.stream().flatMap(grant -> java.util.Arrays.stream(grant.tiers)).distinct().sorted().toList();
        return yearTotals(byYear, tiers);
    }

    private static List<YearTotals> yearTotals(Map<String, List<GivingGrant>> byYear, List<String> tierNames) {
        List<YearTotals> years = new ArrayList<>();
        byYear.forEach((year, grants) -> {
            Map<String, BigDecimal> local = new LinkedHashMap<>();
            tierNames.forEach(tier -> local.put(tier, BigDecimal.ZERO));
            BigDecimal amount = BigDecimal.ZERO;
            BigDecimal unplaced = BigDecimal.ZERO;
            int unplacedCount = 0;
            for (GivingGrant grant : grants) {
                amount = amount.add(grant.amount);
                for (String tier : grant.tiers) {
                    local.merge(tier, grant.amount, BigDecimal::add);
                }
                if (grant.locationSource == GivingGrant.LocationSource.UNKNOWN) {
                    unplaced = unplaced.add(grant.amount);
                    unplacedCount++;
                }
            }
            years.add(new YearTotals(year, grants.size(), amount, local, unplacedCount, unplaced));
        });
        return years;
    }

    private static String truncate(String text, int length) {
        return text == null || text.length() <= length ? text : text.substring(0, length);
    }
}
