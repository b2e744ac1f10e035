package org.anchornetwork.common.number;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A number of a request body that is stored in a {@code numeric(precision, scale)} column: the bean-validation form of
 * {@link NumericColumn}, for records checked with constraints. The violation's code is the column rule's
 * ({@code out-of-range}, {@code negative-value}, {@code too-many-decimals}), not the annotation's name.
 */
@Documented
@Constraint(validatedBy = StoredNumberValidator.class)
@Target({ FIELD, METHOD, PARAMETER, TYPE_USE })
@Retention(RUNTIME)
public @interface StoredNumber {

    int precision();

    int scale();

    /** The smallest value allowed (a decimal), or empty for the column's own lower bound. */
    String min() default "";

    /** Whether {@link #min()} itself is refused. */
    boolean aboveMin() default false;

    /** The largest value allowed, or empty for the column's own upper bound. */
    String max() default "";

    String message() default "is not a number this field stores";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
