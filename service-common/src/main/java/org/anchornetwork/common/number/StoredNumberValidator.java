package org.anchornetwork.common.number;

import java.math.BigDecimal;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.hibernate.validator.constraintvalidation.HibernateConstraintValidatorContext;

/** Checks a {@link StoredNumber} with its {@link NumericColumn}; the column rule's code travels as the dynamic payload. */
public class StoredNumberValidator implements ConstraintValidator<StoredNumber, BigDecimal> {

    private NumericColumn column;

    @Override
    public void initialize(StoredNumber stored) {
        column = new NumericColumn(stored.precision(), stored.scale(),
                stored.min().isEmpty() ? null : new BigDecimal(stored.min()), stored.aboveMin(),
                stored.max().isEmpty() ? null : new BigDecimal(stored.max()));
    }

    @Override
    public boolean isValid(BigDecimal value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        return column.problem(value).map(codeAndMessage -> {
            HibernateConstraintValidatorContext hibernate = context.unwrap(HibernateConstraintValidatorContext.class);
            hibernate.disableDefaultConstraintViolation();
            hibernate.withDynamicPayload(codeAndMessage[0])
                    .buildConstraintViolationWithTemplate(escaped(codeAndMessage[1])).addConstraintViolation();
            return false;
        }).orElse(true);
    }

    /** Messages are templates; a literal message escapes what interpolation would read. */
    private static String escaped(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
