package org.anchornetwork.spend.analysis.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.spend.rollup.Cube;
import org.anchornetwork.spend.rollup.SupplierAtoms;

/**
 * Cells read from a cube, one row per cell, locality and anchor: their measures summed (spend local to each tier from
 * the locality) and, for network answers, their supplier atoms as {@link Disclosure.Part}s for the privacy rule.
 */
final class CubeCells {

    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);

    private CubeCells() {
    }

    /** Sums of one cell, before they are presented: spend, positive spend (the shares' denominator) and their parts. */
    public static final class Sums {
        long payments;
        BigDecimal total = ZERO;
        BigDecimal sme = ZERO;
        BigDecimal vcse = ZERO;
        BigDecimal signatory = ZERO;
        BigDecimal unknown = ZERO;
        BigDecimal[] local;
        BigDecimal positive = ZERO;
        BigDecimal positiveSme = ZERO;
        BigDecimal positiveVcse = ZERO;
        BigDecimal positiveSignatory = ZERO;
        BigDecimal positiveUnknown = ZERO;
        BigDecimal[] positiveLocal;
        Long suppliers;

        Sums(int tiers) {
            local = new BigDecimal[tiers];
            positiveLocal = new BigDecimal[tiers];
            java.util.Arrays.fill(local, ZERO);
            java.util.Arrays.fill(positiveLocal, ZERO);
        }

        /** Adds one row of a cube (its measures from {@code column}, in {@link Cube#MEASURES} order) at its locality. */
        void add(ResultSet row, int column, int locality, List<AnalysisDefinitions.Tier> tiers) throws SQLException {
            payments += row.getLong(column);
            BigDecimal amount = money(row.getBigDecimal(column + 1));
            BigDecimal positiveAmount = money(row.getBigDecimal(column + 5));
            total = total.add(amount);
            sme = sme.add(money(row.getBigDecimal(column + 2)));
            vcse = vcse.add(money(row.getBigDecimal(column + 3)));
            signatory = signatory.add(money(row.getBigDecimal(column + 4)));
            positive = positive.add(positiveAmount);
            positiveSme = positiveSme.add(money(row.getBigDecimal(column + 6)));
            positiveVcse = positiveVcse.add(money(row.getBigDecimal(column + 7)));
            positiveSignatory = positiveSignatory.add(money(row.getBigDecimal(column + 8)));
            if (locality < 0) {
                unknown = unknown.add(amount);
                positiveUnknown = positiveUnknown.add(positiveAmount);
            }
            for (int i = 0; i < tiers.size(); i++) {
                if (locality >= 0 && (locality & (1 << tiers.get(i).bit())) != 0) {
                    local[i] = local[i].add(amount);
                    positiveLocal[i] = positiveLocal[i].add(positiveAmount);
                }
            }
        }

        void add(Sums other) {
            payments += other.payments;
            total = total.add(other.total);
            sme = sme.add(other.sme);
            vcse = vcse.add(other.vcse);
            signatory = signatory.add(other.signatory);
            unknown = unknown.add(other.unknown);
            positive = positive.add(other.positive);
            positiveSme = positiveSme.add(other.positiveSme);
            positiveVcse = positiveVcse.add(other.positiveVcse);
            positiveSignatory = positiveSignatory.add(other.positiveSignatory);
            positiveUnknown = positiveUnknown.add(other.positiveUnknown);
            for (int i = 0; i < local.length; i++) {
                local[i] = local[i].add(other.local[i]);
                positiveLocal[i] = positiveLocal[i].add(other.positiveLocal[i]);
            }
        }
    }

    /** One cell as read: its key, its sums and, for network answers, its supplier atoms per locality and anchor. */
    public static final class Cell {
        final Object[] key;
        final Sums sums;
        final List<Disclosure.Part> parts = new ArrayList<>();
        /** The localities of its rows with payments. */
        final java.util.SortedSet<Integer> localities = new java.util.TreeSet<>();

        Cell(Object[] key, int tiers) {
            this.key = key;
            this.sums = new Sums(tiers);
        }
    }

    /** The select list after a query's key columns: locality, anchor, the measures' sums and, with atoms, theirs. */
    static String columns(boolean atoms) {
        String sums = "c.locality, c.anchor_org_id, "
                + Cube.MEASURES.stream().map(m -> "sum(c." + m + ")").collect(Collectors.joining(", "));
        return atoms ? sums + ", " + Cube.ATOMS.stream().map(a -> "sum(c." + a + ")").collect(Collectors.joining(", ")) : sums;
    }

    /**
     * Reads rows of {@code keys} key columns then {@link #columns}, ordered by the keys, into cells; more than
     * {@code maxCells} cells is a 422.
     */
    static List<Cell> read(AnalysisReader.Session session, String sql, SqlParameters parameters, int keys,
            List<AnalysisDefinitions.Tier> tiers, boolean atoms, int maxCells) {
        List<Cell> cells = new ArrayList<>();
        int measuresAt = keys + 3;
        int atomsAt = measuresAt + Cube.MEASURES.size();
        session.each(sql, parameters, row -> {
            Object[] key = new Object[keys];
            for (int i = 0; i < keys; i++) {
                key[i] = row.getObject(i + 1);
            }
            Cell cell = cells.isEmpty() ? null : cells.get(cells.size() - 1);
            if (cell == null || !Arrays.equals(cell.key, key)) {
                if (cells.size() == maxCells) {
                    throw ApiProblemException.invalid("The answer would have more than " + maxCells + " cells",
                            List.of(ProblemError.at("drilldown", "too-many-cells", "add cuts or drill down by fewer dimensions")));
                }
                cell = new Cell(key, tiers.size());
                cells.add(cell);
            }
            int locality = row.getInt(keys + 1);
            cell.sums.add(row, measuresAt, locality, tiers);
            cell.localities.add(locality);
            if (atoms) {
                String anchor = row.getString(keys + 2);
                for (int kind = 0; kind < SupplierAtoms.KINDS; kind++) {
                    long payments = row.getLong(atomsAt + 3 * kind);
                    if (payments != 0) {
                        cell.parts.add(new Disclosure.Part(locality, anchor, kind, payments, row.getLong(atomsAt + 3 * kind + 1),
                                row.getLong(atomsAt + 3 * kind + 2)));
                    }
                }
            }
            return true;
        });
        return cells;
    }

    static BigDecimal money(BigDecimal value) {
        return value == null ? ZERO : value.setScale(2, RoundingMode.UNNECESSARY);
    }
}
