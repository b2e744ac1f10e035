package org.anchornetwork.common.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.anchornetwork.common.problem.ProblemError;
import org.anchornetwork.common.problem.ProblemMappers;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class NumbersJsonTest {

    record Body(BigDecimal amount, Integer months, int year, Long count) {
    }

    record Priced(@StoredNumber(precision = 18, scale = 2, min = "0", aboveMin = true) BigDecimal price,
            @StoredNumber(precision = 5, scale = 2, min = "0", max = "100") BigDecimal percent) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static {
        new NumbersJson().customize(MAPPER);
    }

    private static ObjectMapper mapper() {
        return MAPPER;
    }

    @ParameterizedTest
    @ValueSource(strings = { "1e999999", "1e-999999", "1e20", "-1e999999", "1e2147483647" })
    void decimalsAreReadExactlyAndQuickly(String number) throws Exception {
        Body body = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> mapper().readValue("{\"amount\":" + number + "}", Body.class));
        assertEquals(0, new BigDecimal(number).compareTo(body.amount()));
        JsonNode tree = mapper().readTree("{\"amount\":" + number + "}");
        assertTrue(tree.get("amount").isBigDecimal(), "a tree holds the exact decimal, never a double (Infinity, 0.0)");
    }

    @Test
    void wholeNumberFieldsTakeOnlyWholeNumbersThatFit() throws Exception {
        assertEquals(1000, mapper().readValue("{\"months\":1e3}", Body.class).months());
        assertEquals(12, mapper().readValue("{\"year\":12.000}", Body.class).year());
        assertEquals(99999999999L, mapper().readValue("{\"count\":99999999999}", Body.class).count());
        assertEquals(null, mapper().readValue("{\"months\":null}", Body.class).months());
        for (String[] refused : List.of(new String[] { "months", "1.5", "not-whole-number" },
                new String[] { "months", "1e-999999", "not-whole-number" }, new String[] { "months", "1e20", "out-of-range" },
                new String[] { "months", "1e999999", "out-of-range" }, new String[] { "year", "99999999999", "out-of-range" },
                new String[] { "count", "1e19", "out-of-range" },
                new String[] { "count", "123456789012345678901234567890", "out-of-range" })) {
            UnacceptableNumberException e = assertThrows(UnacceptableNumberException.class, () -> assertTimeoutPreemptively(
                    Duration.ofSeconds(5), () -> mapper().readValue("{\"" + refused[0] + "\":" + refused[1] + "}", Body.class)),
                    refused[1]);
            assertEquals(refused[2], e.code(), refused[1]);
            assertEquals(refused[0], e.getPath().get(0).getFieldName());
        }
    }

    @Test
    void numbersLongerThanTheLimitAreNotReadAtAll() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> mapper().readValue("{\"amount\":1" + "0".repeat(1001) + "}", Body.class));
        assertTrue(!(e instanceof UnacceptableNumberException) && !(e instanceof JsonMappingException), e.toString());
    }

    @Test
    void decimalsAreWrittenPlainly() throws Exception {
        assertEquals("{\"amount\":100,\"months\":null,\"year\":0,\"count\":null}",
                mapper().writeValueAsString(new Body(new BigDecimal("1E+2"), null, 0, null)));
    }

    @Test
    void storedNumberConstraintsNameTheColumnRulesCode() {
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
        Set<ProblemError> errors = Set.copyOf(ProblemMappers.errorsOf(validator.validate(
                new Priced(new BigDecimal("1e-999999"), new BigDecimal("1e999999"))), ""));
        assertEquals(Set.of(ProblemError.at("/price", "too-many-decimals", "at most 2 decimal places"),
                ProblemError.at("/percent", "out-of-range", "must be at most 100")), errors);
        assertEquals(List.of(ProblemError.at("/price", "out-of-range", "must be more than 0")), ProblemMappers.errorsOf(
                validator.validate(new Priced(BigDecimal.ZERO, BigDecimal.ONE)), ""));
    }
}
