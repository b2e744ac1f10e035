package org.anchornetwork.common.problem;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

/**
 * A request's bean constraints (NotBlank, Size, StoredNumber...) as problem errors, not thrown: the service adds the
 * errors of its own rules to the same list and refuses once, so one 422 lists every error of every kind. (A
 * {@code @Valid} parameter would answer with the constraints alone and hide the rest.)
 */
@ApplicationScoped
public class Constraints {

    private final Validator validator;

    public Constraints(Validator validator) {
        this.validator = validator;
    }

    /** Every constraint the request breaks, pointers from its root (e.g. /commitments/0/quantity); a mutable list. */
    public List<ProblemError> of(Object request) {
        return request == null ? new ArrayList<>() : new ArrayList<>(ProblemMappers.errorsOf(validator.validate(request), ""));
    }
}
