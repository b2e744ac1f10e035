package org.anchornetwork.spend.lm3.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.spend.analysis.service.AnalysisDefinitions;
import org.anchornetwork.spend.analysis.service.AnalysisReader;
import org.anchornetwork.spend.analysis.service.SqlParameters;
import org.anchornetwork.spend.analysis.service.YearAndTier;
import org.anchornetwork.spend.analysis.service.Disclosure;
import org.anchornetwork.spend.rollup.Cube;
import org.anchornetwork.spend.rollup.SpendRollups;
import org.anchornetwork.spend.rollup.SupplierAtoms;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Local Multiplier 3 (NEF, "The Money Trail"): LM3 = (R1 + R2 + R3) / R1, where R1 is what an anchor spends (its
 * payments, and its payroll where recorded), R2 the part of it spent locally (with local suppliers, on staff who live
 * locally) and R3 what those local suppliers and staff re-spend locally. Re-spend comes from surveys; in the modelled
 * mode the network's default rates stand in where a survey is missing, and the result says so.
 */
@ApplicationScoped
public class Lm3Calculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public enum Mode {
        /** Survey answers only: a local supplier without a survey adds nothing to R3 (a lower bound). */
        SURVEYED,
        /** Survey answers where given, the network's default rates elsewhere. */
        MODELLED
    }

    public record Rates(BigDecimal localSupplierRate, BigDecimal nonLocalSupplierRate, BigDecimal staffRate, String source) {
    }

    public record Figures(BigDecimal r1, BigDecimal r2, BigDecimal r3, BigDecimal lm3, BigDecimal supplierSpend,
            BigDecimal localSupplierSpend, BigDecimal nonLocalSupplierSpend, BigDecimal unknownLocationSpend,
            BigDecimal payroll, BigDecimal localPayroll, BigDecimal r3FromSuppliers, BigDecimal r3FromStaff,
            int localSuppliers, int surveyedLocalSuppliers, BigDecimal surveyCoverage, boolean modelled,
            BigDecimal nonLocalSupplierRespend, BigDecimal localEconomicValue, List<String> suppressedMeasures) {
    }

    public record AnchorFigures(String anchor, String anchorName, Figures figures) {
    }

    public record Definitions(String financialYear, String tier, int tierVersion, String tierLabel, String mode,
            String method, Rates defaultRates, String surveys) {
    }

    public record Result(Definitions definitions, Figures network, List<AnchorFigures> anchors) {
    }

    private final AnalysisReader reader;
    private final int supplierThreshold;

    public Lm3Calculator(AnalysisReader reader,
            @ConfigProperty(name = "anchor.spend.analysis.supplier-threshold", defaultValue = "3") int supplierThreshold) {
        this.reader = reader;
        this.supplierThreshold = supplierThreshold;
    }

    public Rates defaultRates() {
        return reader.list("select local_supplier_rate, non_local_supplier_rate, staff_rate, source from lm3_default_rates",
                new SqlParameters(), row -> new Rates(row.getBigDecimal(1), row.getBigDecimal(2), row.getBigDecimal(3),
                        row.getString(4))).get(0);
    }

    /**
     * Each supplier's re-spend rate (a fraction): its survey for the year, else its latest earlier one.
     */
    public Map<UUID, BigDecimal> surveyRates(LocalDate yearStart) {
        SqlParameters parameters = new SqlParameters();
        String sql = "select distinct on (supplier_id) supplier_id, staff_local_share + supplier_local_share "
                + "from lm3_supplier_survey where financial_year <= " + parameters.value(yearStart)
                + " order by supplier_id, financial_year desc";
        Map<UUID, BigDecimal> rates = new HashMap<>();
        reader.list(sql, parameters, row -> rates.put(row.getObject(1, UUID.class),
                row.getBigDecimal(2).divide(HUNDRED, 6, RoundingMode.UNNECESSARY)));
        return rates;
    }

    private final class Sums {
        BigDecimal supplierSpend = BigDecimal.ZERO;
        BigDecimal localSupplierSpend = BigDecimal.ZERO;
        BigDecimal nonLocalSupplierSpend = BigDecimal.ZERO;
        BigDecimal unknown = BigDecimal.ZERO;
        BigDecimal surveyedLocalSpend = BigDecimal.ZERO;
        BigDecimal r3Suppliers = BigDecimal.ZERO;
        BigDecimal nonLocalRespend = BigDecimal.ZERO;
        BigDecimal payroll = BigDecimal.ZERO;
        BigDecimal localPayroll = BigDecimal.ZERO;
        BigDecimal r3Staff = BigDecimal.ZERO;
        Set<UUID> localSuppliers = new HashSet<>();
        Set<UUID> surveyedLocalSuppliers = new HashSet<>();
        boolean modelled;
        /** Its payments to identified suppliers as atom sums, for the privacy rule. */
        final List<Disclosure.Part> parts = new ArrayList<>();

        void supplier(UUID supplier, int locality, int bit, BigDecimal amount, BigDecimal surveyRate, Mode mode, Rates defaults) {
            supplierSpend = supplierSpend.add(amount);
            if (locality < 0) {
                unknown = unknown.add(amount);
                return;
            }
            boolean local = (locality & (1 << bit)) != 0;
            BigDecimal rate = surveyRate;
            if (rate == null && mode == Mode.MODELLED) {
                rate = (local ? defaults.localSupplierRate() : defaults.nonLocalSupplierRate()).divide(HUNDRED);
                modelled = true;
            }
            if (local) {
                localSupplierSpend = localSupplierSpend.add(amount);
                localSuppliers.add(supplier);
                if (surveyRate != null) {
                    surveyedLocalSpend = surveyedLocalSpend.add(amount);
                    surveyedLocalSuppliers.add(supplier);
                }
                if (rate != null) {
                    r3Suppliers = r3Suppliers.add(amount.multiply(rate));
                }
            } else {
                nonLocalSupplierSpend = nonLocalSupplierSpend.add(amount);
                if (rate != null) {
                    nonLocalRespend = nonLocalRespend.add(amount.multiply(rate));
                }
            }
        }

        void workforce(BigDecimal pay, BigDecimal residentShare, BigDecimal respendShare, Mode mode, Rates defaults) {
            payroll = payroll.add(pay);
            BigDecimal local = pay.multiply(residentShare).divide(HUNDRED);
            localPayroll = localPayroll.add(local);
            BigDecimal respend = respendShare;
            if (respend == null && mode == Mode.MODELLED) {
                respend = defaults.staffRate();
                modelled = true;
            }
            if (respend != null) {
                r3Staff = r3Staff.add(local.multiply(respend).divide(HUNDRED));
            }
        }

        void add(Sums other) {
            supplierSpend = supplierSpend.add(other.supplierSpend);
            localSupplierSpend = localSupplierSpend.add(other.localSupplierSpend);
            nonLocalSupplierSpend = nonLocalSupplierSpend.add(other.nonLocalSupplierSpend);
            unknown = unknown.add(other.unknown);
            surveyedLocalSpend = surveyedLocalSpend.add(other.surveyedLocalSpend);
            r3Suppliers = r3Suppliers.add(other.r3Suppliers);
            nonLocalRespend = nonLocalRespend.add(other.nonLocalRespend);
            payroll = payroll.add(other.payroll);
            localPayroll = localPayroll.add(other.localPayroll);
            r3Staff = r3Staff.add(other.r3Staff);
            localSuppliers.addAll(other.localSuppliers);
            surveyedLocalSuppliers.addAll(other.surveyedLocalSuppliers);
            modelled |= other.modelled;
        }

        /**
         * The figures, those resting on spend the privacy decision hides being null: the total hides R1, LM3 and the
         * supplier spend; local spend hides R2, R3 and what rests on it; non-local spend what rests on that.
         */
        Figures figures(Disclosure.Shown shown, List<Disclosure.Family> asked) {
            boolean total = shown == null || shown.shows(asked.get(0));
            boolean local = total && (shown == null || shown.shows(asked.get(1)));
            boolean nonLocal = total && (shown == null || shown.shows(asked.get(2)));
            boolean unknownLocation = total && (shown == null || shown.shows(asked.get(3)));
            List<String> hidden = new ArrayList<>();
            if (!total) {
                hidden.addAll(List.of("r1", "lm3", "supplierSpend"));
            }
            if (!local) {
                hidden.addAll(List.of("r2", "r3", "localSupplierSpend", "r3FromSuppliers", "surveyCoverage", "localEconomicValue"));
            }
            if (!nonLocal) {
                hidden.addAll(List.of("nonLocalSupplierSpend", "nonLocalSupplierRespend"));
                if (local) {
                    hidden.add("localEconomicValue");
                }
            }
            if (!unknownLocation) {
                hidden.add("unknownLocationSpend");
            }
            Figures all = figures();
            return new Figures(total ? all.r1() : null, local ? all.r2() : null, local ? all.r3() : null,
                    total && local ? all.lm3() : null, total ? all.supplierSpend() : null, local ? all.localSupplierSpend() : null,
                    nonLocal ? all.nonLocalSupplierSpend() : null, unknownLocation ? all.unknownLocationSpend() : null,
                    all.payroll(), all.localPayroll(), local ? all.r3FromSuppliers() : null, all.r3FromStaff(),
                    all.localSuppliers(), all.surveyedLocalSuppliers(), local ? all.surveyCoverage() : null, all.modelled(),
                    nonLocal ? all.nonLocalSupplierRespend() : null, local && nonLocal ? all.localEconomicValue() : null,
                    hidden.isEmpty() ? null : hidden);
        }

        private Figures figures() {
            BigDecimal r1 = supplierSpend.add(payroll);
            BigDecimal r2 = localSupplierSpend.add(localPayroll);
            BigDecimal r3 = r3Suppliers.add(r3Staff);
            BigDecimal lm3 = r1.signum() == 0 ? null : r1.add(r2).add(r3).divide(r1, 2, RoundingMode.HALF_UP);
            BigDecimal coverage = localSupplierSpend.signum() == 0 ? null
                    : surveyedLocalSpend.multiply(HUNDRED).divide(localSupplierSpend, 2, RoundingMode.HALF_UP);
            return new Figures(money(r1), money(r2), money(r3), lm3, money(supplierSpend), money(localSupplierSpend),
                    money(nonLocalSupplierSpend), money(unknown), money(payroll), money(localPayroll), money(r3Suppliers),
                    money(r3Staff), localSuppliers.size(), surveyedLocalSuppliers.size(), coverage, modelled,
                    money(nonLocalRespend), money(r2.add(r3).add(nonLocalRespend)), null);
        }
    }

    /**
     * LM3 for each anchor and the network. {@code callerOrgId} is who asks: other anchors' figures that would come from
     * one supplier paid by fewer than the threshold of anchors are hidden (decision 0010).
     */
    public Result compute(YearAndTier year, Mode mode, AnalysisDefinitions.Snapshot definitions, String callerOrgId) {
        Rates defaults = defaultRates();
        Map<UUID, BigDecimal> surveys = surveyRates(year.yearStart());
        Map<String, Sums> byAnchor = new TreeMap<>();
        SqlParameters parameters = new SqlParameters();
        String sql = "select anchor_org_id, supplier_id, locality, sum(amount), "
                + Cube.ATOMS.stream().map(a -> "sum(" + a + ")").collect(java.util.stream.Collectors.joining(", "))
                + " from spend_cube_supplier_year where financial_year = " + parameters.value(year.yearStart())
                + " group by 1, 2, 3 having sum(payment_count) <> 0";
        reader.list(sql, parameters, row -> {
            UUID supplier = row.getObject(2, UUID.class);
            BigDecimal rate = SpendRollups.NO_SUPPLIER.equals(supplier) ? null : surveys.get(supplier);
            Sums sums = byAnchor.computeIfAbsent(row.getString(1), a -> new Sums());
            sums.supplier(supplier, row.getInt(3), year.bit(), row.getBigDecimal(4), rate, mode, defaults);
            for (int kind = 0; kind < SupplierAtoms.KINDS; kind++) {
                long payments = row.getLong(5 + 3 * kind);
                if (payments != 0) {
                    sums.parts.add(new Disclosure.Part(row.getInt(3), row.getString(1), kind, payments,
                            row.getLong(6 + 3 * kind), row.getLong(7 + 3 * kind)));
                }
            }
            return null;
        });
        SqlParameters workforceParameters = new SqlParameters();
        reader.list("select anchor_org_id, payroll, local_resident_share, staff_local_respend_share from lm3_workforce "
                + "where financial_year = " + workforceParameters.value(year.yearStart()), workforceParameters, row -> {
                    byAnchor.computeIfAbsent(row.getString(1), a -> new Sums()).workforce(row.getBigDecimal(2),
                            row.getBigDecimal(3), row.getBigDecimal(4), mode, defaults);
                    return null;
                });
        Sums network = new Sums();
        List<String> order = new ArrayList<>(byAnchor.keySet());
        List<Sums> cells = order.stream().map(byAnchor::get).toList();
        cells.forEach(network::add);
        List<Disclosure.Family> asked = List.of(Disclosure.TOTAL, Disclosure.local(year.tier(), year.bit()),
                Disclosure.nonLocal(year.tier(), year.bit()), Disclosure.UNKNOWN_LOCATION);
        Disclosure.Decision decision = new Disclosure(supplierThreshold, callerOrgId).decide(
                cells.stream().map(sums -> sums.parts).toList(), asked, cells.stream().map(sums -> sums.supplierSpend.abs()).toList());
        List<AnchorFigures> anchors = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            AnalysisDefinitions.AnchorInfo info = definitions.anchors().get(order.get(i));
            anchors.add(new AnchorFigures(order.get(i), info == null ? order.get(i) : info.name(),
                    cells.get(i).figures(decision.cells().get(i), asked)));
        }
        Definitions meaning = new Definitions(year.financialYear(), year.tier(), year.version(), year.label(), mode.name(),
                "LM3 = (R1 + R2 + R3) / R1 (NEF, The Money Trail, 2002). R1: the anchor's payments in the year, plus its "
                        + "payroll where recorded. R2: spend with suppliers based or branched in the tier, plus pay to staff "
                        + "living locally. R3: what those local suppliers (staff and supplier shares of their survey) and "
                        + "local staff re-spend locally. nonLocalSupplierRespend: what non-local suppliers spend locally "
                        + "(NEF's Northumberland method), outside LM3; localEconomicValue = R2 + R3 + nonLocalSupplierRespend. "
                        + "Payments to redacted or unmatched payees and to suppliers of unknown location count in R1 only. "
                        + (mode == Mode.MODELLED ? "MODELLED: where a survey is missing the network's default rates stand in."
                                : "SURVEYED: only survey answers count; suppliers without one add nothing to R3."),
                defaults, "A supplier's survey for the year, else its latest earlier one; surveyCoverage is the share of "
                        + "local supplier spend whose supplier has one.");
        return new Result(meaning, network.figures(decision.summary(), asked), anchors);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP);
    }
}
