package org.anchornetwork.spend.ingest.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.anchornetwork.spend.ingest.ColumnMapping;
import org.anchornetwork.spend.ingest.csv.MappingDefinition;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Each anchor's saved column mappings, by name. */
@ApplicationScoped
public class ColumnMappings {

    private final ObjectMapper json;

    public ColumnMappings(ObjectMapper json) {
        this.json = json;
    }

    public record Named(String name, MappingDefinition definition, OffsetDateTime updatedAt) {
    }

    public Optional<MappingDefinition> find(String anchorOrgId, String name) {
        return ColumnMapping.<ColumnMapping>findByIdOptional(new ColumnMapping.Key(anchorOrgId, name)).map(this::definitionOf);
    }

    public Optional<Named> findNamed(String anchorOrgId, String name) {
        return ColumnMapping.<ColumnMapping>findByIdOptional(new ColumnMapping.Key(anchorOrgId, name)).map(this::named);
    }

    public List<Named> list(String anchorOrgId) {
        return ColumnMapping.<ColumnMapping>list("key.anchorOrgId = ?1 order by key.name", anchorOrgId).stream()
                .map(this::named).toList();
    }

    /** Saves the mapping under its name; true when it is new. */
    @Transactional
    public boolean save(String anchorOrgId, String name, MappingDefinition definition) {
        ColumnMapping.Key key = new ColumnMapping.Key(anchorOrgId, name);
        ColumnMapping mapping = ColumnMapping.findById(key);
        boolean created = mapping == null;
        if (created) {
            mapping = new ColumnMapping();
            mapping.key = key;
        }
        try {
            mapping.definition = json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A mapping always serialises", e);
        }
        mapping.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        mapping.persist();
        return created;
    }

    @Transactional
    public boolean delete(String anchorOrgId, String name) {
        return ColumnMapping.deleteById(new ColumnMapping.Key(anchorOrgId, name));
    }

    private Named named(ColumnMapping mapping) {
        return new Named(mapping.key.name(), definitionOf(mapping), mapping.updatedAt);
    }

    private MappingDefinition definitionOf(ColumnMapping mapping) {
        try {
            return json.readValue(mapping.definition, MappingDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored mapping " + mapping.key + " is not readable", e);
        }
    }
}
