package org.anchornetwork.common.json;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

import jakarta.inject.Singleton;

import org.anchornetwork.common.text.ControlCharacters;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Text in request bodies must be plain text: control characters other than tab, line feed and carriage return are
 * refused at the door (400 naming the field), wherever the text is: a string field, a list of strings, a map's keys,
 * or anywhere in a document read as a tree (OCDS packages, 360Giving grants), field names included. PostgreSQL cannot
 * store NUL in text or jsonb, and no supplier name or description legitimately holds a control character. Registered
 * once on the services' mapper; {@link #module()} gives it to a mapper of a reader's own.
 */
@Singleton
public class PlainTextJson implements ObjectMapperCustomizer {

    static final String MESSAGE = "control character in text";

    @Override
    public void customize(ObjectMapper objectMapper) {
        objectMapper.registerModule(module());
    }

    /** The deserializers that refuse control characters. */
    @SuppressWarnings("unchecked")
    public static Module module() {
        return new SimpleModule("plain-text")
                .addDeserializer(String.class, new PlainTextDeserializer())
                .addKeyDeserializer(String.class, new PlainTextKeyDeserializer())
                .addDeserializer(JsonNode.class, new PlainTextTree<>(JsonNode.class))
                .addDeserializer(ObjectNode.class, new PlainTextTree<>(ObjectNode.class))
                .addDeserializer(ArrayNode.class, new PlainTextTree<>(ArrayNode.class));
    }

    static boolean hasControlCharacter(String text) {
        return ControlCharacters.firstRefusedInText(text) >= 0;
    }

    static final class PlainTextDeserializer extends StdScalarDeserializer<String> {
        PlainTextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && hasControlCharacter(text)) {
                throw InvalidFormatException.from(parser, MESSAGE, text, String.class);
            }
            return text;
        }
    }

    static final class PlainTextKeyDeserializer extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            if (hasControlCharacter(key)) {
                throw context.weirdKeyException(String.class, key, MESSAGE);
            }
            return key;
        }
    }

    /** Jackson's own tree deserializer, then every text and field name of the tree checked; the error points at it. */
    static final class PlainTextTree<T extends JsonNode> extends StdDeserializer<T> {
        private final JsonDeserializer<? extends JsonNode> tree;

        PlainTextTree(Class<T> type) {
            super(type);
            this.tree = JsonNodeDeserializer.getDeserializer(type);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            T node = (T) tree.deserialize(parser, context);
            check(node, parser);
            return node;
        }

        @Override
        public Object deserializeWithType(JsonParser parser, DeserializationContext context, TypeDeserializer types)
                throws IOException {
            return deserialize(parser, context);
        }

        @Override
        @SuppressWarnings("unchecked")
        public T getNullValue(DeserializationContext context) {
            try {
                return (T) tree.getNullValue(context);
            } catch (Exception e) {
                return null;
            }
        }

        /** Walks the tree (without recursion: a document may nest as deep as Jackson allows). */
        private static void check(JsonNode root, JsonParser parser) throws InvalidFormatException {
            Deque<Visit> pending = new ArrayDeque<>();
            pending.push(new Visit(root, null, null));
            while (!pending.isEmpty()) {
                Visit visit = pending.pop();
                JsonNode node = visit.node();
                if (node.isTextual() && hasControlCharacter(node.textValue())) {
                    throw at(parser, node.textValue(), visit);
                }
                if (node.isObject()) {
                    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                    while (fields.hasNext()) {
                        Map.Entry<String, JsonNode> field = fields.next();
                        Visit member = new Visit(field.getValue(), visit, field.getKey());
                        if (hasControlCharacter(field.getKey())) {
                            throw at(parser, field.getKey(), member);
                        }
                        pending.push(member);
                    }
                } else if (node.isArray()) {
                    for (int i = 0; i < node.size(); i++) {
                        pending.push(new Visit(node.get(i), visit, i));
                    }
                }
            }
        }

        /** The error, its path (field names and indexes) from the tree's root to the visit. */
        private static InvalidFormatException at(JsonParser parser, String text, Visit visit) {
            InvalidFormatException e = InvalidFormatException.from(parser, MESSAGE, text, String.class);
            for (Visit step = visit; step.parent() != null; step = step.parent()) {
                if (step.step() instanceof Integer index) {
                    e.prependPath(null, index);
                } else {
                    e.prependPath(null, (String) step.step());
                }
            }
            return e;
        }

        private record Visit(JsonNode node, Visit parent, Object step) {
        }
    }
}
