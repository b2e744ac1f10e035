package org.anchornetwork.pledge.giving.service;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * spend-service's public geography API, which owns postcodes, districts and the network's locality tiers
 * (decision 0012). Only public reads: no token is sent.
 */
@RegisterRestClient(configKey = "geography")
@Path("/api/v1/geography")
@Produces(MediaType.APPLICATION_JSON)
public interface GeographyClient {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PostcodeLocality(String postcode, String source, String ladCode, List<String> tiers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record DistrictLocality(String ladCode, String ladName, List<String> tiers) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Tier(String name, int version, List<String> areaCodes) {
    }

    /** 400 when the text is not a UK postcode. */
    @GET
    @Path("/postcodes/{postcode}")
    PostcodeLocality postcode(@PathParam("postcode") String postcode);

    /** 404 when the code is not a district the geography knows. */
    @GET
    @Path("/districts/{ladCode}")
    DistrictLocality district(@PathParam("ladCode") String ladCode);

    /** The tiers in force today. */
    @GET
    @Path("/tiers")
    List<Tier> tiers();
}
