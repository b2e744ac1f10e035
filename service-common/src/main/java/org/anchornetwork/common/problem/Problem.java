package org.anchornetwork.common.problem;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details, the body of every error response ({@code application/problem+json}).
 *
 * @param type      stable URI naming the class of problem
 * @param title     short, human-readable summary of the class
 * @param status    HTTP status code
 * @param detail    explanation of this occurrence
 * @param instance  request path
 * @param requestId the request id (also in the {@code X-Request-Id} header) to quote when asking for help
 * @param errors    individual validation failures, when there are any
 * @param extensions further members particular to the problem (RFC 9457 §3.2), e.g. the id of a rejected upload
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details", example = """
        {"type":"https://anchor-network.org/problems/validation","title":"Request is not valid","status":422,
         "detail":"2 fields are not valid","instance":"/api/v1/payments","requestId":"6f1c0a52-3c4e-4f0e-9a4b-3f0f7d2f1a11",
         "errors":[{"pointer":"/payments/0/amount","code":"NotNull","message":"must not be null"}]}""")
public record Problem(String type, String title, int status, String detail, String instance, String requestId,
        List<ProblemError> errors, @JsonIgnore @Schema(hidden = true) Map<String, Object> extensions) {

    public Problem(String type, String title, int status, String detail, String instance, String requestId,
            List<ProblemError> errors) {
        this(type, title, status, detail, instance, requestId, errors, Map.of());
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://anchor-network.org/problems/";

    public Problem withContext(String instance, String requestId) {
        return new Problem(type, title, status, detail, instance, requestId, errors, extensions);
    }

    /** The same problem with one more extension member. */
    public Problem with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new Problem(type, title, status, detail, instance, requestId, errors, Map.copyOf(more));
    }

    @JsonAnyGetter
    public Map<String, Object> extensionMembers() {
        return extensions;
    }
}
