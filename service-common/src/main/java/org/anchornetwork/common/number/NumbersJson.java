package org.anchornetwork.common.number;

import java.io.IOException;
import java.math.BigDecimal;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * How every service reads and writes numbers, configured once:
 * <ul>
 * <li>numbers are read exactly: decimals as {@link BigDecimal} (also in trees, e.g. OCDS packages), never through a
 * double, so {@code 1e999999} is a number to refuse, not {@code Infinity}, and {@code 1e-999999} is not {@code 0};</li>
 * <li>a number longer than 1,000 characters is refused while parsing (400), as decision 0004 says;</li>
 * <li>whole-number fields take only whole numbers that fit: {@code 1.5} is not silently 1, {@code 1e-999999} not 0,
 * and {@code 1e20} is a 422 at the field like any other out-of-range value ({@code 1e3} is 1000);</li>
 * <li>decimals are written plainly ({@code 100.00}, never {@code 1E+2}).</li>
 * </ul>
 */
@Singleton
public class NumbersJson implements ObjectMapperCustomizer {

    /** Decision 0004: longer numbers are not data any field holds. */
    public static final int MAX_NUMBER_LENGTH = 1000;

    @Override
    public void customize(ObjectMapper objectMapper) {
        objectMapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH).build());
        objectMapper.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        objectMapper.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
        objectMapper.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        objectMapper.registerModule(new SimpleModule("whole-numbers")
                .addDeserializer(Integer.class, new WholeNumber<>(Integer.class, new NumberDeserializers.IntegerDeserializer(Integer.class, null)))
                .addDeserializer(Integer.TYPE, new WholeNumber<>(Integer.TYPE, new NumberDeserializers.IntegerDeserializer(Integer.TYPE, 0)))
                .addDeserializer(Long.class, new WholeNumber<>(Long.class, new NumberDeserializers.LongDeserializer(Long.class, null)))
                .addDeserializer(Long.TYPE, new WholeNumber<>(Long.TYPE, new NumberDeserializers.LongDeserializer(Long.TYPE, 0L))));
    }

    /** An int or long field: JSON numbers read exactly and refused unless whole and in range; anything else as Jackson reads it. */
    static final class WholeNumber<T extends Number> extends StdScalarDeserializer<T> {
        private final JsonDeserializer<T> otherwise;
        private final boolean isLong;

        @SuppressWarnings("unchecked")
        WholeNumber(Class<?> type, JsonDeserializer<?> otherwise) {
            super(type);
            this.otherwise = (JsonDeserializer<T>) otherwise;
            this.isLong = type == Long.class || type == Long.TYPE;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                JsonParser.NumberType type = parser.getNumberType();
                if (type == JsonParser.NumberType.INT || isLong && type == JsonParser.NumberType.LONG) {
                    return (T) (isLong ? (Number) parser.getLongValue() : (Number) parser.getIntValue());
                }
                throw tooLarge(parser);
            }
            if (token == JsonToken.VALUE_NUMBER_FLOAT) {
                BigDecimal value = parser.getDecimalValue();
                if (value.signum() != 0 && value.stripTrailingZeros().scale() > 0) {
                    throw new UnacceptableNumberException(parser, "not-whole-number", "must be a whole number");
                }
                // Compared before converting: 1e999999 is never written out.
                if (value.compareTo(BigDecimal.valueOf(isLong ? Long.MIN_VALUE : Integer.MIN_VALUE)) < 0
                        || value.compareTo(BigDecimal.valueOf(isLong ? Long.MAX_VALUE : Integer.MAX_VALUE)) > 0) {
                    throw tooLarge(parser);
                }
                return (T) (isLong ? (Number) value.longValueExact() : (Number) value.intValueExact());
            }
            return otherwise.deserialize(parser, context);
        }

        private UnacceptableNumberException tooLarge(JsonParser parser) {
            return new UnacceptableNumberException(parser, "out-of-range", "must be a whole number from "
                    + (isLong ? Long.MIN_VALUE : Integer.MIN_VALUE) + " to " + (isLong ? Long.MAX_VALUE : Integer.MAX_VALUE));
        }

        @Override
        public T getNullValue(DeserializationContext context) throws com.fasterxml.jackson.databind.JsonMappingException {
            return otherwise.getNullValue(context);
        }
    }
}
