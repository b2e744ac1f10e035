package org.anchornetwork.common.web;

import java.net.URI;

import jakarta.ws.rs.core.Response;

/** The answers of writes with a natural key: 201 with a Location when something new was stored, 200 otherwise. */
public final class Responses {

    private Responses() {
    }

    public static Response createdOrOk(boolean created, String location, Object entity) {
        return created ? Response.created(URI.create(location)).entity(entity).build() : Response.ok(entity).build();
    }
}
