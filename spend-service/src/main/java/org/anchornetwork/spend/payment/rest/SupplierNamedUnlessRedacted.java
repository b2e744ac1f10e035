package org.anchornetwork.spend.payment.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A payment names its supplier unless it is redacted; a redacted one (a payment to an individual) must not, since the
 * name is personal data the anchor withholds. Reported on {@code supplierName}, with the other field errors.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = SupplierNamedUnlessRedacted.Check.class)
public @interface SupplierNamedUnlessRedacted {

    String message() default "must not be blank (or mark the payment redacted)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Check implements ConstraintValidator<SupplierNamedUnlessRedacted, PaymentResource.PaymentInput> {

        @Override
        public boolean isValid(PaymentResource.PaymentInput payment, ConstraintValidatorContext context) {
            if (payment == null) {
                return true;
            }
            boolean named = payment.supplierName() != null && !payment.supplierName().isBlank();
            if (named != payment.isRedacted()) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(payment.isRedacted()
                    ? "a redacted payment carries no supplier name; leave it out"
                    : "must not be blank (or mark the payment redacted)")
                    .addPropertyNode("supplierName").addConstraintViolation();
            return false;
        }
    }
}
