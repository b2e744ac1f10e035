package org.anchornetwork.events;

/**
 * A published event contract: its CloudEvents {@code type} (e.g. {@code pledge.signatory-joined.v1}),
 * the topic it travels on and the record its JSON payload maps to. Contracts change additively only;
 * a breaking change is a new type with the next version number.
 *
 * @param name        CloudEvents type, {@code <service>.<fact>.v<N>}
 * @param topic       Kafka topic of the producing service
 * @param payloadType payload record
 */
public record EventType<P>(String name, String topic, Class<P> payloadType) {

    /** Classpath location of the example payload documented in docs/events.md and checked by tests. */
    public String examplePath() {
        return "/event-examples/" + name + ".json";
    }
}
