package org.anchornetwork.events.framework;

/**
 * A network admin retired a published framework version: new tenders should not use it; contracts that use it keep
 * it. Key and subject: {@code <frameworkId>/<version>}.
 *
 * @param frameworkId  slug of the framework
 * @param version      version number
 */
public record FrameworkVersionRetiredV1(String frameworkId, int version) {
}
