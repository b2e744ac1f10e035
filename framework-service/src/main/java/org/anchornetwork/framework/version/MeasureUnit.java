package org.anchornetwork.framework.version;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The units a measure may count in (the TOMs family's units, domain.md §1.3 and §1.6). Written in JSON and CSV as
 * their code, e.g. {@code fte-years}.
 */
public enum MeasureUnit {
    FTE_YEARS("fte-years", "full-time equivalent employees, counted per year of employment"),
    PEOPLE("people", "number of people"),
    HOURS("hours", "hours of time"),
    WEEKS("weeks", "weeks, e.g. of apprenticeship or placement"),
    GBP("gbp", "pounds sterling spent, donated or invested"),
    TONNES_CO2E("tonnes-co2e", "tonnes of carbon dioxide equivalent saved"),
    TONNES("tonnes", "tonnes, e.g. of waste diverted"),
    MILES("miles", "miles, e.g. of car travel saved"),
    COUNT("count", "number of things, e.g. events or organisations supported"),
    PERCENT("percent", "a share in per cent, e.g. of staff paid the real living wage");

    public final String code;
    public final String description;

    MeasureUnit(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public static Optional<MeasureUnit> ofCode(String code) {
        return Arrays.stream(values()).filter(unit -> unit.code.equals(code)).findFirst();
    }

    public static String codes() {
        return Arrays.stream(values()).map(unit -> unit.code).collect(Collectors.joining(", "));
    }
}
