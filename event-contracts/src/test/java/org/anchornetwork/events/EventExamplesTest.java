package org.anchornetwork.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

class EventExamplesTest {

    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    @TestFactory
    Iterable<DynamicTest> everyEventTypeHasAnExampleThatRoundTripsThroughItsPayloadRecord() {
        return EventTypes.all().stream()
                .map(type -> DynamicTest.dynamicTest(type.name(), () -> assertExampleRoundTrips(type)))
                .toList();
    }

    private void assertExampleRoundTrips(EventType<?> type) throws IOException {
        JsonNode example;
        try (InputStream in = getClass().getResourceAsStream(type.examplePath())) {
            assertNotNull(in, "missing example " + type.examplePath());
            example = mapper.readTree(in);
        }
        Object payload = mapper.treeToValue(example, type.payloadType());
        for (RecordComponent component : type.payloadType().getRecordComponents()) {
            assertTrue(example.has(component.getName()), type.name() + " example lacks field " + component.getName());
        }
        JsonNode reserialised = mapper.valueToTree(payload);
        assertEquals(example.toString(), reserialised.toString(), "example of " + type.name() + " must survive a round trip");
    }

    @Test
    void typeNamesAreUniqueVersionedAndOnTheirServicesTopic() {
        var names = new HashSet<String>();
        for (EventType<?> type : EventTypes.all()) {
            assertTrue(names.add(type.name()), "duplicate type " + type.name());
            assertTrue(type.name().matches("[a-z]+\\.[a-z-]+\\.v[1-9][0-9]*"), "badly named type " + type.name());
            String service = type.name().substring(0, type.name().indexOf('.'));
            assertEquals(service + ".events", type.topic(), type.name() + " must travel on its producer's topic");
        }
    }
}
