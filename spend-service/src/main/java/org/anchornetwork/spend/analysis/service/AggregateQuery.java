package org.anchornetwork.spend.analysis.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.anchornetwork.common.problem.ApiProblemException;
import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.web.Cursors;

/**
 * One aggregate query, as the API takes it (in the manner of OpenSpending's aggregate API): drilldowns, cuts,
 * measures, the denominator and the scope.
 *
 * @param drilldowns  the dimensions the cells are split by, in order
 * @param cuts        values each dimension must take (any of them)
 * @param within      tiers the supplier must be local to (any of them, nested tiers included)
 * @param denominator ALL (every payment) or INFLUENCEABLE (payments in influenceable categories only)
 * @param scope       NETWORK (every anchor) or OWN (the caller's own payments only, with supplier detail)
 * @param order       a dimension or scalar measure, with :asc or :desc; null for the drilldowns' order
 */
public record AggregateQuery(List<Dimension> drilldowns, Map<Dimension, List<String>> cuts, List<String> within,
        Set<Measure> measures, Denominator denominator, Scope scope, String order, boolean descending, int limit, int offset) {

    public enum Denominator {
        ALL, INFLUENCEABLE
    }

    public enum Scope {
        NETWORK, OWN
    }

    public static final int DEFAULT_LIMIT = 1000;
    public static final int MAX_LIMIT = 10_000;

    /** The same query, every cell on one page (for exports). */
    public AggregateQuery everyCell() {
        return new AggregateQuery(drilldowns, cuts, within, measures, denominator, scope, order, descending, Integer.MAX_VALUE, 0);
    }

    /** Reads the query parameters; 400 naming each parameter it cannot read. */
    public static AggregateQuery parse(String drilldown, List<String> cut, String measures, String denominator, String scope,
            String order, String limit, String cursor) {
        List<ProblemError> errors = new ArrayList<>();
        List<Dimension> drilldowns = new ArrayList<>();
        for (String name : split(drilldown, "[,|]")) {
            Dimension.named(name).ifPresentOrElse(dimension -> {
                if (drilldowns.contains(dimension)) {
                    errors.add(ProblemError.at("drilldown", "duplicate", name + " is named twice"));
                } else {
                    drilldowns.add(dimension);
                }
            }, () -> errors.add(ProblemError.at("drilldown", "unknown-dimension",
                    "'" + name + "' is not a dimension; use " + Dimension.names())));
        }
        Map<Dimension, List<String>> cuts = new LinkedHashMap<>();
        List<String> within = new ArrayList<>();
        for (String parameter : cut == null ? List.<String>of() : cut) {
            for (String one : split(parameter, "\\|")) {
                int colon = one.indexOf(':');
                if (colon <= 0 || colon == one.length() - 1) {
                    errors.add(ProblemError.at("cut", "invalid-cut", "'" + one + "' is not dimension:value[,value...]"));
                    continue;
                }
                String name = one.substring(0, colon).strip();
                List<String> values = split(one.substring(colon + 1), ",");
                if (name.equals("within")) {
                    within.addAll(values);
                    continue;
                }
                Dimension.named(name).ifPresentOrElse(dimension -> cuts.computeIfAbsent(dimension, d -> new ArrayList<>()).addAll(values),
                        () -> errors.add(ProblemError.at("cut", "unknown-dimension", "'" + name + "' is not a dimension; use "
                                + Dimension.names() + " or within")));
            }
        }
        Set<Measure> chosen = EnumSet.noneOf(Measure.class);
        for (String name : split(measures, ",")) {
            Measure.named(name).ifPresentOrElse(chosen::add, () -> errors.add(ProblemError.at("measures", "unknown-measure",
                    "'" + name + "' is not a measure; use " + Measure.names())));
        }
        Denominator denominatorValue = enumOf(Denominator.class, denominator, Denominator.ALL, "denominator", errors);
        Scope scopeValue = enumOf(Scope.class, scope, Scope.NETWORK, "scope", errors);
        String orderKey = null;
        boolean descending = false;
        if (order != null && !order.isBlank()) {
            String[] parts = order.strip().split(":");
            orderKey = parts[0];
            boolean known = Dimension.named(orderKey).isPresent() || Measure.named(orderKey.split("\\.")[0]).isPresent();
            if (!known || parts.length > 2 || (parts.length == 2 && !Set.of("asc", "desc").contains(parts[1]))) {
                errors.add(ProblemError.at("order", "invalid-order", "a dimension or measure, optionally :asc or :desc, "
                        + "e.g. totalSpend:desc or localShare.darlington:asc"));
            }
            descending = parts.length == 2 && parts[1].equals("desc");
        }
        int limitValue = DEFAULT_LIMIT;
        if (limit != null && !limit.isBlank()) {
            try {
                limitValue = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                limitValue = -1;
            }
            if (limitValue < 1 || limitValue > MAX_LIMIT) {
                errors.add(ProblemError.at("limit", "invalid-limit", "between 1 and " + MAX_LIMIT));
            }
        }
        int offset = 0;
        String position = Cursors.decode(cursor);
        if (position != null) {
            try {
                offset = Integer.parseInt(position);
            } catch (NumberFormatException e) {
                throw Cursors.notIssued();
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblemException.invalidParameters(errors.size() + " query parameter(s) could not be read", errors);
        }
        return new AggregateQuery(List.copyOf(drilldowns), cuts, within, chosen.isEmpty() ? Measure.DEFAULT : chosen,
                denominatorValue, scopeValue, orderKey, descending, limitValue, offset);
    }

    private static List<String> split(String text, String separator) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(separator)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, E otherwise, String parameter,
            List<ProblemError> errors) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(ProblemError.at(parameter, "invalid-value", "one of " + Arrays.toString(type.getEnumConstants())
                    .toLowerCase(Locale.ROOT)));
            return otherwise;
        }
    }
}
