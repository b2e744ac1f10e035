package org.anchornetwork.pledge.report.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.common.time.ReportingPeriod;
import org.anchornetwork.pledge.charter.Charter;
import org.anchornetwork.pledge.charter.CharterPledge;
import org.anchornetwork.pledge.metric.PledgeMetric;
import org.anchornetwork.pledge.progress.ProgressReport;
import org.anchornetwork.pledge.signatory.Commitment;
import org.anchornetwork.pledge.signatory.CommitmentStatus;
import org.anchornetwork.pledge.signatory.CommitmentTarget;
import org.anchornetwork.pledge.signatory.Signatory;
import org.anchornetwork.pledge.signatory.SignatoryType;

/**
 * The charter's report for one financial year: who was a signatory during it, each commitment's year figure against
 * its target, and totals per pledge and per metric. A commitment's year figure is its report for the whole year
 * where there is one (figures from the network's data before the signatory's own), else its quarters: summed for
 * amounts and hours, the latest for percentages. Organisations only: nothing private is in it.
 */
@ApplicationScoped
public class AnnualReport {

    public record Report(String charterId, int charterVersion, String financialYear, LocalDate from, LocalDate to,
            LocalDate generatedOn, Summary summary, List<PledgeTotals> pledges, List<MetricTotals> metrics,
            List<SignatoryLine> signatories) {
    }

    public record Summary(int signatories, int joined, int left, Map<SignatoryType, Integer> byType) {
    }

    public record PledgeTotals(String pledgeCode, String title, int signatories, int pledged, int evidenced, int verified,
            int lapsed, int withFigures) {
    }

    public record MetricTotals(String metricCode, String tier, PledgeMetric.Unit unit, int signatoriesReporting,
            BigDecimal total, BigDecimal average, int targetsMet) {
    }

    public record SignatoryLine(String organisationId, String organisationName, SignatoryType signatoryType,
            LocalDate joinedOn, LocalDate leftOn, List<CommitmentLine> commitments) {
    }

    public record CommitmentLine(String pledgeCode, CommitmentStatus status, boolean lapsed, List<FigureLine> figures,
            int narrativeReports) {
    }

    public record FigureLine(String metricCode, String tier, PledgeMetric.Unit unit, BigDecimal value, String basis,
            PledgeMetric.Source source, BigDecimal target, LocalDate deadline, Boolean targetMet) {
    }

    public Report of(Charter charter, ReportingPeriod year) {
        List<Signatory> signatories = Signatory.<Signatory>list(
                "charterId = ?1 and joinedOn <= ?2 and (leftOn is null or leftOn > ?3) order by organisationId",
                charter.id, year.to(), year.from());
        Map<UUID, List<Commitment>> commitments = Commitment.ofSignatories(signatories.stream().map(s -> s.id).toList());
        List<UUID> commitmentIds = commitments.values().stream().flatMap(List::stream).map(c -> c.id).toList();
        Map<UUID, List<CommitmentTarget>> targets = CommitmentTarget.ofCommitments(commitmentIds);
        Map<UUID, List<ProgressReport>> reports = commitmentIds.isEmpty() ? Map.of()
                : ProgressReport.<ProgressReport>list("commitmentId in ?1 and (period = ?2 or period like ?3)", commitmentIds,
                        year.name(), year.name() + "-Q%").stream().collect(Collectors.groupingBy(r -> r.commitmentId));
        Map<String, PledgeMetric> metrics = new LinkedHashMap<>();
        PledgeMetric.<PledgeMetric>list("order by position").forEach(metric -> metrics.put(metric.code, metric));

        List<SignatoryLine> lines = new ArrayList<>();
        for (Signatory signatory : signatories) {
            List<CommitmentLine> commitmentLines = new ArrayList<>();
            for (Commitment commitment : commitments.getOrDefault(signatory.id, List.of())) {
                if (commitment.committedOn.isAfter(year.to())) {
                    continue;
                }
                List<ProgressReport> ofCommitment = reports.getOrDefault(commitment.id, List.of());
                List<FigureLine> figures = new ArrayList<>();
                for (CommitmentTarget target : targets.getOrDefault(commitment.id, List.of())) {
                    PledgeMetric metric = metrics.get(target.metricCode);
                    YearFigure figure = yearFigure(ofCommitment.stream().filter(r -> target.metricCode.equals(r.metricCode)
                            && Objects.equals(target.tier, r.tier)).toList(), metric, year);
                    figures.add(new FigureLine(target.metricCode, target.tier, metric.unit, figure == null ? null : figure.value,
                            figure == null ? null : figure.basis, figure == null ? null : figure.source, target.target,
                            target.deadline, figure == null ? null : figure.value.compareTo(target.target) >= 0));
                }
                int narratives = (int) ofCommitment.stream().filter(r -> r.metricCode == null).count();
                commitmentLines.add(new CommitmentLine(commitment.pledgeCode, commitment.status, commitment.lapsedSince != null,
                        figures, narratives));
            }
            lines.add(new SignatoryLine(signatory.organisationId, signatory.organisationName, signatory.signatoryType,
                    signatory.joinedOn, signatory.leftOn, commitmentLines));
        }
        return new Report(charter.id, charter.version, year.name(), year.from(), year.to(), LocalDate.now(),
                summary(signatories, year), pledgeTotals(charter, lines), metricTotals(lines, metrics), lines);
    }

    private record YearFigure(BigDecimal value, String basis, PledgeMetric.Source source) {
    }

    /** The year's figure for one target from its reports in the year, or null. */
    static YearFigure yearFigure(List<ProgressReport> reports, PledgeMetric metric, ReportingPeriod year) {
        Comparator<ProgressReport> dataFirst = Comparator.comparing(r -> r.source == PledgeMetric.Source.MANUAL);
        List<ProgressReport> whole = reports.stream().filter(r -> r.period.equals(year.name())).sorted(dataFirst).toList();
        if (!whole.isEmpty()) {
            return new YearFigure(whole.get(0).value, "YEAR", whole.get(0).source);
        }
        Map<String, ProgressReport> byQuarter = new java.util.TreeMap<>();
        reports.stream().sorted(dataFirst.reversed()).forEach(r -> byQuarter.put(r.period, r));
        if (byQuarter.isEmpty()) {
            return null;
        }
        List<ProgressReport> quarters = new ArrayList<>(byQuarter.values());
        ProgressReport latest = quarters.get(quarters.size() - 1);
        if (metric.unit == PledgeMetric.Unit.PERCENT) {
            return new YearFigure(latest.value, "LATEST_QUARTER " + latest.period, latest.source);
        }
        BigDecimal sum = quarters.stream().map(r -> r.value).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new YearFigure(sum, "SUM_OF_QUARTERS " + quarters.size(), latest.source);
    }

    private static Summary summary(List<Signatory> signatories, ReportingPeriod year) {
        Map<SignatoryType, Integer> byType = new EnumMap<>(SignatoryType.class);
        for (SignatoryType type : SignatoryType.values()) {
            byType.put(type, 0);
        }
        signatories.forEach(s -> byType.merge(s.signatoryType, 1, Integer::sum));
        int joined = (int) signatories.stream().filter(s -> year.contains(s.joinedOn)).count();
        int left = (int) signatories.stream().filter(s -> s.leftOn != null && year.contains(s.leftOn)).count();
        return new Summary(signatories.size(), joined, left, byType);
    }

    private static List<PledgeTotals> pledgeTotals(Charter charter, List<SignatoryLine> lines) {
        List<PledgeTotals> totals = new ArrayList<>();
        for (CharterPledge pledge : CharterPledge.ofCharter(charter.id)) {
            List<CommitmentLine> of = lines.stream().flatMap(line -> line.commitments().stream())
                    .filter(c -> c.pledgeCode().equals(pledge.code)).toList();
            totals.add(new PledgeTotals(pledge.code, pledge.title, of.size(), count(of, CommitmentStatus.PLEDGED),
                    count(of, CommitmentStatus.EVIDENCED), count(of, CommitmentStatus.VERIFIED),
                    (int) of.stream().filter(CommitmentLine::lapsed).count(),
                    (int) of.stream().filter(c -> c.figures().stream().anyMatch(f -> f.value() != null)).count()));
        }
        return totals;
    }

    private static int count(List<CommitmentLine> commitments, CommitmentStatus status) {
        return (int) commitments.stream().filter(c -> c.status() == status).count();
    }

    private static List<MetricTotals> metricTotals(List<SignatoryLine> lines, Map<String, PledgeMetric> metrics) {
        // One figure per signatory, metric and tier (a signatory with the metric on two pledges counts once).
        Map<String, Map<String, FigureLine>> bySignatory = new LinkedHashMap<>();
        for (SignatoryLine line : lines) {
            for (CommitmentLine commitment : line.commitments()) {
                for (FigureLine figure : commitment.figures()) {
                    if (figure.value() != null) {
                        bySignatory.computeIfAbsent(figure.metricCode() + "|" + Objects.toString(figure.tier(), ""),
                                key -> new LinkedHashMap<>()).putIfAbsent(line.organisationId(), figure);
                    }
                }
            }
        }
        List<MetricTotals> totals = new ArrayList<>();
        for (PledgeMetric metric : metrics.values()) {
            bySignatory.entrySet().stream().filter(e -> e.getKey().startsWith(metric.code + "|"))
                    .sorted(Map.Entry.comparingByKey()).forEach(entry -> {
                        List<FigureLine> figures = List.copyOf(entry.getValue().values());
                        BigDecimal sum = figures.stream().map(FigureLine::value).reduce(BigDecimal.ZERO, BigDecimal::add);
                        BigDecimal average = sum.divide(BigDecimal.valueOf(figures.size()), 2, RoundingMode.HALF_UP);
                        int met = (int) figures.stream().filter(f -> Boolean.TRUE.equals(f.targetMet())).count();
                        totals.add(new MetricTotals(metric.code, figures.get(0).tier(), metric.unit, figures.size(),
                                metric.unit == PledgeMetric.Unit.PERCENT ? null : sum, average, met));
                    });
        }
        return totals;
    }
}
