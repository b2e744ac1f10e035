package org.anchornetwork.spend.analysis.service;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.anchornetwork.spend.rollup.SupplierAtoms;

/**
 * The one privacy rule of network answers (decision 0010), defined on what an answer reveals, not on how it was asked:
 * no figure, and no difference of figures within one answer, may be attributable to one supplier unless at least
 * {@code threshold} anchors pay that supplier within it, or the caller is its only contributor.
 *
 * <p>What an answer publishes is modelled as sums. A cell's figures are its total and its subsets ({@link Family}:
 * SME, VCSE, signatory, local to a tier, ...), each a sum over the cell's contributions; an answer's summary sums the
 * cells. The caller knows its own contributions, so only other anchors' are unknown. Contributions that every
 * published sum treats alike (same cell, same membership of every published family) can only ever be learnt together:
 * such a class is unsafe when it holds one supplier ({@link SupplierAtoms}) paid by fewer than the threshold of
 * anchors. Any linear combination of published figures that isolates one supplier's spend is a combination of such
 * classes, so an answer without unsafe classes reveals none.
 *
 * <p>The rule hides as little as it can: first single figures (a family of a cell, or of the summary), then whole
 * cells; a summary family is shown only where every shown cell shows it, so the summary minus the shown cells is
 * the sum of the wholly hidden cells, which must itself be safe: where it is not, one more cell is hidden
 * (complementary suppression, as statistical agencies do), else the summary family.
 */
public final class Disclosure {

    /** A subset of a cell's contributions, by locality (tier bit mask, -1 unknown) and supplier kind. */
    public interface Family {
        String name();

        boolean covers(int locality, int kind);
    }

    public static final Family TOTAL = family("total", (locality, kind) -> true);
    public static final Family SME = family("sme", (locality, kind) -> (kind & SupplierAtoms.SME) != 0);
    public static final Family VCSE = family("vcse", (locality, kind) -> (kind & SupplierAtoms.VCSE) != 0);
    public static final Family SIGNATORY = family("signatory", (locality, kind) -> (kind & SupplierAtoms.SIGNATORY) != 0);
    public static final Family UNKNOWN_LOCATION = family("unknownLocation", (locality, kind) -> locality < 0);

    /** Suppliers based or branched in the tier with this bit. */
    public static Family local(String tier, int bit) {
        return family("local." + tier, (locality, kind) -> locality >= 0 && (locality & (1 << bit)) != 0);
    }

    /** Located suppliers none of whose sites is in the tier with this bit. */
    public static Family nonLocal(String tier, int bit) {
        return family("nonLocal." + tier, (locality, kind) -> locality >= 0 && (locality & (1 << bit)) == 0);
    }

    private interface Covers {
        boolean covers(int locality, int kind);
    }

    private static Family family(String name, Covers covers) {
        return new Family() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean covers(int locality, int kind) {
                return covers.covers(locality, kind);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    /** One anchor's payments to identified suppliers of one kind and locality in a cell, as atom sums. */
    public record Part(int locality, String anchor, int kind, long payments, long hash, long hashSquared) {
    }

    /** What may be shown of one cell: its families kept (in the order asked), none when the cell is hidden whole. */
    public record Shown(List<Family> families) {
        public boolean hidden() {
            return families.isEmpty();
        }

        public boolean shows(Family family) {
            return families.contains(family);
        }
    }

    /** The decision for an answer: each cell's, and its summary's. */
    public record Decision(List<Shown> cells, Shown summary) {
    }

    private final int threshold;
    private final String caller;

    /** {@code caller} null for anonymous answers: nobody's own spend is known. */
    public Disclosure(int threshold, String caller) {
        this.threshold = threshold;
        this.caller = caller;
    }

    /** Sums of a group of contributions, with the anchors (other than the caller) that have payments in it. */
    static final class Sums {
        long payments;
        BigInteger hash = BigInteger.ZERO;
        BigInteger hashSquared = BigInteger.ZERO;
        final Set<String> anchors = new HashSet<>();
        long ownPayments;
        BigInteger ownHash = BigInteger.ZERO;
        BigInteger ownHashSquared = BigInteger.ZERO;

        void add(Part part, String caller) {
            if (part.payments() == 0) {
                return;
            }
            if (part.anchor().equals(caller)) {
                ownPayments += part.payments();
                ownHash = ownHash.add(BigInteger.valueOf(part.hash()));
                ownHashSquared = ownHashSquared.add(BigInteger.valueOf(part.hashSquared()));
            } else {
                payments += part.payments();
                hash = hash.add(BigInteger.valueOf(part.hash()));
                hashSquared = hashSquared.add(BigInteger.valueOf(part.hashSquared()));
                anchors.add(part.anchor());
            }
        }

        void add(Sums other) {
            payments += other.payments;
            hash = hash.add(other.hash);
            hashSquared = hashSquared.add(other.hashSquared);
            anchors.addAll(other.anchors);
            ownPayments += other.ownPayments;
            ownHash = ownHash.add(other.ownHash);
            ownHashSquared = ownHashSquared.add(other.ownHashSquared);
        }

        void subtract(long linePayments, long lineHash, long lineHashSquared) {
            payments -= linePayments;
            hash = hash.subtract(BigInteger.valueOf(lineHash));
            hashSquared = hashSquared.subtract(BigInteger.valueOf(lineHashSquared));
        }

        /** Whether every payment counted has the same supplier hash (Cauchy–Schwarz with equality). */
        static boolean oneSupplier(long payments, BigInteger hash, BigInteger hashSquared) {
            return payments > 0 && hash.multiply(hash).equals(BigInteger.valueOf(payments).multiply(hashSquared));
        }

        /** Whether other anchors' spend here is attributable to one supplier that too few anchors pay. */
        boolean unsafe(int threshold) {
            return unsafe(threshold, List.of(this));
        }

        /**
         * The same, the caller counting among the anchors paying the supplier where one of {@code callers} (sums of the
         * caller's own payments) is that same supplier's alone: a sum of several suppliers cannot tell, so it does not.
         */
        boolean unsafe(int threshold, List<Sums> callers) {
            if (payments <= 0 || !oneSupplier(payments, hash, hashSquared)) {
                return false;
            }
            // Payees not matched to a supplier share one hash, so the caller's own are never known to be the same payee.
            boolean unidentified = hash.equals(BigInteger.valueOf(payments).multiply(BigInteger.valueOf(SupplierAtoms.UNIDENTIFIED_HASH)));
            boolean callerPaysIt = !unidentified && callers.stream().anyMatch(own -> oneSupplier(own.ownPayments, own.ownHash, own.ownHashSquared)
                    && own.ownHash.multiply(BigInteger.valueOf(payments)).equals(hash.multiply(BigInteger.valueOf(own.ownPayments))));
            return anchors.size() + (callerPaysIt ? 1 : 0) < threshold;
        }
    }

    /** The classes of contributions that the families cannot tell apart, by signature (which families cover them). */
    Map<BitSet, Sums> classes(List<Part> parts, List<Family> families) {
        Map<BitSet, Sums> classes = new LinkedHashMap<>();
        for (Part part : parts) {
            classes.computeIfAbsent(signature(part.locality(), part.kind(), families), s -> new Sums()).add(part, caller);
        }
        return classes;
    }

    static BitSet signature(int locality, int kind, List<Family> families) {
        BitSet signature = new BitSet(families.size());
        for (int i = 0; i < families.size(); i++) {
            if (families.get(i).covers(locality, kind)) {
                signature.set(i);
            }
        }
        return signature;
    }

    private long unsafeCount(Map<BitSet, Sums> classes) {
        return classes.values().stream().filter(sums -> sums.unsafe(threshold)).count();
    }

    /**
     * The families of one group of contributions that may be shown ({@code asked} starts with {@link #TOTAL}): while a
     * class is unsafe, the family whose hiding leaves fewest unsafe classes is hidden (the last asked on a tie); when
     * only the total is left and it is unsafe, nothing is shown.
     */
    public List<Family> keep(List<Part> parts, List<Family> asked) {
        List<Family> kept = new ArrayList<>(asked);
        while (!kept.isEmpty()) {
            if (unsafeCount(classes(parts, kept)) == 0) {
                return kept;
            }
            if (kept.size() == 1) {
                return List.of();
            }
            Family drop = null;
            long fewest = Long.MAX_VALUE;
            for (int i = kept.size() - 1; i >= 1; i--) {
                List<Family> without = new ArrayList<>(kept);
                without.remove(i);
                long unsafe = unsafeCount(classes(parts, without));
                if (unsafe < fewest) {
                    fewest = unsafe;
                    drop = kept.get(i);
                }
            }
            kept.remove(drop);
        }
        return kept;
    }

    /**
     * Decides an answer of cells (a partition of what the summary covers) and its summary. {@code weights} orders the
     * cells a complementary suppression may hide: the smallest first.
     */
    public Decision decide(List<List<Part>> cells, List<Family> asked, List<? extends Comparable<?>> weights) {
        List<List<Family>> kept = new ArrayList<>();
        List<Part> all = new ArrayList<>();
        for (List<Part> cell : cells) {
            kept.add(keep(cell, asked));
            all.addAll(cell);
        }
        List<Family> summary = new ArrayList<>(keep(all, asked));
        List<Sums> callers = ownParts(cells);
        // A summary family hidden in some shown cell would give that cell's hidden figure away.
        for (List<Family> cell : kept) {
            if (!cell.isEmpty()) {
                summary.retainAll(cell);
            }
        }
        while (!summary.isEmpty() && summary.get(0) == TOTAL) {
            List<Part> hidden = new ArrayList<>();
            for (int c = 0; c < cells.size(); c++) {
                if (kept.get(c).isEmpty()) {
                    hidden.addAll(cells.get(c));
                }
            }
            // The hidden cells' sum is the summary less what the caller sees: the caller counts among a supplier's
            // anchors where it pays that supplier anywhere in the answer, as it would in the summary itself.
            BitSet unsafe = null;
            for (Map.Entry<BitSet, Sums> entry : classes(hidden, summary).entrySet()) {
                if (entry.getValue().unsafe(threshold, callers)) {
                    unsafe = entry.getKey();
                    break;
                }
            }
            if (unsafe == null) {
                break;
            }
            int complement = complement(cells, kept, summary, unsafe, weights);
            if (complement >= 0) {
                kept.set(complement, List.of());
            } else {
                summary = new ArrayList<>(keepWithout(hidden, summary));
            }
        }
        if (summary.isEmpty() || summary.get(0) != TOTAL) {
            summary = List.of();
        }
        return new Decision(kept.stream().map(Shown::new).toList(), new Shown(summary));
    }

    /** The caller's own payments per cell, locality and kind: where it alone pays one supplier, which one. */
    private List<Sums> ownParts(List<List<Part>> cells) {
        List<Sums> own = new ArrayList<>();
        for (List<Part> cell : cells) {
            for (Part part : cell) {
                if (part.anchor().equals(caller) && part.payments() > 0) {
                    Sums sums = new Sums();
                    sums.add(part, caller);
                    own.add(sums);
                }
            }
        }
        return own;
    }

    /** The summary's families less one that makes the hidden cells' unsafe class safe (or all, when only the total is left). */
    private List<Family> keepWithout(List<Part> hidden, List<Family> summary) {
        if (summary.size() == 1) {
            return List.of();
        }
        List<Family> fewer = keep(hidden, summary);
        return fewer.size() == summary.size() ? summary.subList(0, summary.size() - 1) : fewer;
    }

    /** The shown cell with other anchors' contributions in the unsafe class whose weight is smallest; -1 if none. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private int complement(List<List<Part>> cells, List<List<Family>> kept, List<Family> summary, BitSet unsafe,
            List<? extends Comparable<?>> weights) {
        int best = -1;
        for (int c = 0; c < cells.size(); c++) {
            if (kept.get(c).isEmpty()) {
                continue;
            }
            Sums sums = classes(cells.get(c), summary).get(unsafe);
            if (sums == null || sums.payments <= 0) {
                continue;
            }
            if (best < 0 || ((Comparable) weights.get(c)).compareTo(weights.get(best)) < 0) {
                best = c;
            }
        }
        return best;
    }

    /** A supplier line (one supplier's figure) nested in a group's class, with the anchors that pay it there. */
    public record Line(int locality, int kind, long payments, long hash, long hashSquared, int anchors, boolean othersPay) {
    }

    /** Whether one supplier's line may be shown: the caller alone pays it, or at least the threshold of anchors do. */
    public boolean showsLine(Line line) {
        return !line.othersPay() || line.anchors() >= threshold;
    }

    /**
     * Of supplier lines nested in a group of contributions whose {@code families} are shown, which stay shown (in the
     * order given, largest first): unsafe lines are hidden, and then while the group's figures less the shown lines
     * leave one supplier's other-anchor spend in a class, the smallest shown line is hidden too. {@code lines} hold
     * other anchors' atom sums only.
     */
    public boolean[] showLines(List<Part> group, List<Family> families, List<Line> lines) {
        boolean[] shown = new boolean[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            shown[i] = showsLine(lines.get(i));
        }
        if (families.isEmpty()) {
            return shown;
        }
        while (true) {
            Map<BitSet, Sums> classes = classes(group, families);
            Set<BitSet> lessLines = new HashSet<>();
            for (int i = 0; i < lines.size(); i++) {
                Line line = lines.get(i);
                BitSet signature = signature(line.locality(), line.kind(), families);
                Sums sums = classes.get(signature);
                if (shown[i] && line.othersPay() && sums != null) {
                    sums.subtract(line.payments(), line.hash(), line.hashSquared());
                    lessLines.add(signature);
                }
            }
            // A class less shown lines is learnt without knowing who pays what is left: one supplier left is too few.
            boolean leaks = lessLines.stream().map(classes::get)
                    .anyMatch(sums -> Sums.oneSupplier(sums.payments, sums.hash, sums.hashSquared));
            int smallest = -1;
            for (int i = lines.size() - 1; i >= 0 && smallest < 0; i--) {
                if (shown[i] && lines.get(i).othersPay()) {
                    smallest = i;
                }
            }
            if (!leaks || smallest < 0) {
                return shown;
            }
            shown[smallest] = false;
        }
    }
}
