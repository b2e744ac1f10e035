package org.anchornetwork.edge;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwt.consumer.Validator;

import io.quarkus.arc.Unremovable;

/**
 * Refuses an access token issued in the future (its {@code iat} later than now plus the allowed clock skew). Quarkus
 * OIDC checks that {@code iat} is present and, with {@code quarkus.oidc.token.age}, that it is not too old, but not
 * that it has already happened: a token minted ahead of time would otherwise stay usable for its whole {@code exp}.
 * Quarkus OIDC applies every {@link Validator} bean to the tokens it verifies, at the gateway and in every service.
 */
@ApplicationScoped
@Unremovable
public class IssuedAtNotInTheFuture implements Validator {

    private final long allowedSkewSeconds;

    public IssuedAtNotInTheFuture(@ConfigProperty(name = "quarkus.oidc.token.lifespan-grace", defaultValue = "0") int allowedSkewSeconds) {
        this.allowedSkewSeconds = allowedSkewSeconds;
    }

    @Override
    public String validate(JwtContext context) throws MalformedClaimException {
        return check(context.getJwtClaims().getIssuedAt(), NumericDate.now().getValue());
    }

    /** Null when {@code issuedAt} is absent (another rule requires it) or not in the future; the reason otherwise. */
    String check(NumericDate issuedAt, long nowEpochSecond) {
        if (issuedAt != null && issuedAt.getValue() > nowEpochSecond + allowedSkewSeconds) {
            return "The token's iat (" + issuedAt.getValue() + ") is in the future (now " + nowEpochSecond
                    + ", allowed clock skew " + allowedSkewSeconds + " s)";
        }
        return null;
    }
}
