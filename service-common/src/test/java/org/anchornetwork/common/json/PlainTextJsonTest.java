package org.anchornetwork.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** Control characters are refused wherever text is in a JSON body, with the path to it. */
class PlainTextJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(PlainTextJson.module());

    record Supplier(String name, List<String> aliases, Map<String, String> columns, JsonNode extra) {
    }

    private static String pointer(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        e.getPath().forEach(reference -> pointer.append('/')
                .append(reference.getFieldName() != null ? reference.getFieldName() : reference.getIndex()));
        return pointer.toString();
    }

    private static String refused(String json, Class<?> type) {
        InvalidFormatException e = assertThrows(InvalidFormatException.class, () -> JSON.readValue(json, type));
        assertEquals(String.class, e.getTargetType());
        return pointer(e);
    }

    @ParameterizedTest
    @ValueSource(strings = { "\\u0000", "\\u0001", "\\u001b", "\\u007f" })
    void controlCharactersAreRefusedInStringsListsMapKeysAndTrees(String control) {
        assertEquals("/name", refused("{\"name\":\"a" + control + "b\"}", Supplier.class));
        assertEquals("/aliases/1", refused("{\"aliases\":[\"ok\",\"a" + control + "\"]}", Supplier.class));
        assertEquals("/columns", refused("{\"columns\":{\"a" + control + "\":\"x\"}}", Supplier.class));
        assertEquals("/columns/k", refused("{\"columns\":{\"k\":\"x" + control + "\"}}", Supplier.class));
        assertEquals("/extra/releases/0/parties/1/name",
                refused("{\"extra\":{\"releases\":[{\"parties\":[{\"name\":\"ok\"},{\"name\":\"x" + control + "\"}]}]}}", Supplier.class));
        assertEquals("/extra/a" + new String(Character.toChars(Integer.parseInt(control.substring(2), 16))),
                refused("{\"extra\":{\"a" + control + "\":1}}", Supplier.class));
        assertEquals("/0/x", refused("[{\"x\":\"" + control + "\"}]", JsonNode.class));
    }

    @Test
    void tabsAndLineBreaksAreText() throws Exception {
        Supplier supplier = JSON.readValue("{\"name\":\"a\\tb\\r\\nc\",\"extra\":{\"note\":\"x\\ny\"}}", Supplier.class);
        assertEquals("a\tb\r\nc", supplier.name());
        assertEquals("x\ny", supplier.extra().get("note").textValue());
        assertEquals(Map.of("k", "v"), JSON.readValue("{\"k\":\"v\"}", new TypeReference<Map<String, String>>() {
        }));
        assertEquals(true, JSON.readValue("{\"extra\":null}", Supplier.class).extra().isNull());
    }
}
