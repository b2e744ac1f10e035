package org.anchornetwork.events.framework;

/**
 * A network admin created a social value framework. Key and subject: the framework id.
 *
 * @param frameworkId            slug, e.g. {@code darlington-social-value}
 * @param name                   display name
 * @param ownerOrganisationId    organisation that owns the framework
 * @param family                 NATIONAL or LOCAL
 */
public record FrameworkCreatedV1(String frameworkId, String name, String ownerOrganisationId, String family) {
}
