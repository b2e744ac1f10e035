package org.anchornetwork.common.number;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * A JSON number that is valid JSON but cannot be the value of its field (a fraction where a whole number is expected,
 * or beyond what the field holds). Answered as a 422 pointing at the field, like any other rule a value breaks.
 */
public class UnacceptableNumberException extends JsonMappingException {

    private final String code;
    private final String reason;

    UnacceptableNumberException(JsonParser parser, String code, String reason) {
        super(parser, reason);
        this.code = code;
        this.reason = reason;
    }

    public String code() {
        return code;
    }

    public String reason() {
        return reason;
    }
}
