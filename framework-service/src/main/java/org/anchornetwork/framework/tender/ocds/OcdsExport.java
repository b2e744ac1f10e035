package org.anchornetwork.framework.tender.ocds;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.anchornetwork.framework.contract.Contract;
import org.anchornetwork.framework.contract.service.DeliveryTotals;
import org.anchornetwork.framework.tender.Bid;
import org.anchornetwork.framework.tender.Tender;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.Startup;

/**
 * A tender as an OCDS 1.1.5 release package: the tender (with its social value rules in the {@code socialValue}
 * extension's object, declared in the package's {@code extensions}), its tenderers, and once awarded the award and the
 * contract, whose social value KPIs are the contract's {@code delivery} milestones (code = measure code, status from
 * delivery so far). Parties carry their org-id.guide ids, roles and names (the buyer's as its tenders give it).
 *
 * <p>The ocid prefix must be in the form the Open Contracting Partnership registers ({@code ocds-} and 6 lower-case
 * letters or digits): the service refuses to start with another.
 */
@Startup
@ApplicationScoped
public class OcdsExport {

    /** Where the service publishes its social value extension (public, routed to it by the gateway). */
    public static final String EXTENSION_PATH = "/api/v1/ocds-extensions/social-value";
    private static final Pattern REGISTERED_PREFIX = Pattern.compile("ocds-[a-z0-9]{6}");

    private final ObjectMapper mapper;
    private final String ocidPrefix;
    private final String publicBaseUrl;

    public OcdsExport(ObjectMapper mapper, @ConfigProperty(name = "anchor.framework.ocds.ocid-prefix") String ocidPrefix,
            @ConfigProperty(name = "anchor.framework.public-base-url") String publicBaseUrl) {
        this.mapper = mapper;
        this.ocidPrefix = registeredPrefix(ocidPrefix);
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** The prefix as configured, when it has the registered form; otherwise the service does not start. */
    public static String registeredPrefix(String configured) {
        if (configured == null || !REGISTERED_PREFIX.matcher(configured).matches()) {
            throw new IllegalStateException("anchor.framework.ocds.ocid-prefix (ANCHOR_OCDS_OCID_PREFIX) is '" + configured
                    + "': an ocid prefix is the one the Open Contracting Partnership registered for the publisher, "
                    + "'ocds-' and 6 lower-case letters or digits, e.g. ocds-b5fd17");
        }
        return configured;
    }

    /** The public address of the extension's metadata, as release packages declare it. */
    public String extensionUrl() {
        return publicBaseUrl + EXTENSION_PATH + "/extension.json";
    }

    /** The public address of a document under the extension's path. */
    public String extensionDocumentUrl(String name) {
        return publicBaseUrl + EXTENSION_PATH + "/" + name;
    }

    public ObjectNode releasePackage(Tender tender, List<Bid> bids, Contract contract, DeliveryTotals.Performance performance) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        String ocid = ocidPrefix + "-" + tender.id;
        ObjectNode pack = mapper.createObjectNode();
        pack.put("uri", publicBaseUrl + "/api/v1/tenders/" + tender.id + "/ocds");
        pack.put("version", "1.1");
        pack.putArray("extensions").add(extensionUrl());
        pack.put("publishedDate", now.toString());
        pack.putObject("publisher").put("name", "Anchor Network");
        ObjectNode release = pack.putArray("releases").addObject();
        release.put("ocid", ocid);
        release.put("id", ocid + "-" + tender.updatedAt.toInstant().toEpochMilli());
        release.put("date", tender.updatedAt.toString());
        ArrayNode tags = release.putArray("tag");
        if (contract == null) {
            tags.add("tender");
        } else {
            tags.add("award").add("contract");
        }
        release.put("initiationType", "tender");
        release.put("language", "en");

        Map<String, ObjectNode> parties = new LinkedHashMap<>();
        party(parties, tender.anchorOrgId, tender.anchorName, "buyer", "procuringEntity");
        bids.forEach(bid -> party(parties, bid.bidderOrgId, bid.bidderName, "tenderer"));
        if (contract != null) {
            party(parties, contract.supplierOrgId, contract.supplierName, "supplier");
        }
        ArrayNode partyArray = release.putArray("parties");
        parties.values().forEach(partyArray::add);
        release.putObject("buyer").put("id", tender.anchorOrgId).put("name", tender.anchorName);

        ObjectNode tenderNode = release.putObject("tender");
        tenderNode.put("id", tender.reference);
        tenderNode.put("title", tender.title);
        tenderNode.put("status", switch (tender.statusNow()) {
            case OPEN -> "active";
            case CANCELLED -> "cancelled";
            default -> "complete";
        });
        tenderNode.putObject("procuringEntity").put("id", tender.anchorOrgId).put("name", tender.anchorName);
        tenderNode.put("awardCriteria", "bestProposal");
        tenderNode.put("awardCriteriaDetails", "Social value is " + tender.socialValueWeighting.stripTrailingZeros().toPlainString()
                + "% of the total score, scored " + tender.scoringMethod + " with framework " + tender.frameworkId
                + " version " + tender.frameworkVersion);
        tenderNode.putObject("tenderPeriod").put("endDate", tender.closingAt.toString());
        tenderNode.put("numberOfTenderers", bids.size());
        ArrayNode tenderers = tenderNode.putArray("tenderers");
        bids.forEach(bid -> tenderers.addObject().put("id", bid.bidderOrgId).put("name", bid.bidderName));
        tenderNode.set("socialValue", socialValue(tender));

        if (contract != null) {
            String awardId = ocid + "-award-" + contract.id;
            ObjectNode award = release.putArray("awards").addObject();
            award.put("id", awardId);
            award.put("status", "active");
            award.put("date", contract.awardedAt.toString());
            value(award.putObject("value"), contract.contractValue);
            award.putArray("suppliers").addObject().put("id", contract.supplierOrgId).put("name", contract.supplierName);
            value(award.putObject("socialValue").putObject("committedValue"), performance.committedValue());

            ObjectNode contractNode = release.putArray("contracts").addObject();
            contractNode.put("id", contract.id.toString());
            contractNode.put("awardID", awardId);
            contractNode.put("status", contract.endsOn.isBefore(LocalDate.now()) ? "terminated" : "active");
            contractNode.putObject("period").put("startDate", contract.startsOn + "T00:00:00Z").put("endDate",
                    contract.endsOn + "T23:59:59Z");
            value(contractNode.putObject("value"), contract.contractValue);
            ArrayNode milestones = contractNode.putArray("milestones");
            for (DeliveryTotals.KpiPerformance kpi : performance.kpis()) {
                ObjectNode milestone = milestones.addObject();
                milestone.put("id", contract.id + "-" + kpi.measureCode());
                milestone.put("title", kpi.measureTitle());
                milestone.put("type", "delivery");
                milestone.put("code", kpi.measureCode());
                milestone.put("description", "Social value commitment: " + kpi.committedQuantity().stripTrailingZeros().toPlainString()
                        + " " + kpi.unit() + (kpi.committedValue() == null ? "" : " (£" + kpi.committedValue().toPlainString()
                                + " at the framework's proxy value)") + "; delivered so far "
                        + kpi.deliveredQuantity().stripTrailingZeros().toPlainString() + " " + kpi.unit());
                milestone.put("dueDate", kpi.dueOn() + "T23:59:59Z");
                milestone.put("status", status(kpi));
            }
            ObjectNode delivered = contractNode.putObject("socialValue");
            value(delivered.putObject("committedValue"), performance.committedValue());
            value(delivered.putObject("deliveredValue"), performance.deliveredValue());
        }
        return pack;
    }

    /** The tender's social value rules, as the {@code socialValue} extension object read back by the OCDS import. */
    ObjectNode socialValue(Tender tender) {
        ObjectNode node = mapper.createObjectNode();
        node.put("frameworkId", tender.frameworkId);
        node.put("frameworkVersion", tender.frameworkVersion);
        ArrayNode measures = node.putArray("measureCodes");
        for (String code : tender.measureCodes) {
            measures.add(code);
        }
        node.put("weighting", tender.socialValueWeighting);
        node.put("scoringMethod", tender.scoringMethod.name());
        if (tender.bands != null) {
            node.set("bands", mapper.valueToTree(tender.bands));
        }
        if (tender.minimumSocialValue != null) {
            node.put("minimumSocialValue", tender.minimumSocialValue);
        }
        if (tender.minimumSocialValuePercent != null) {
            node.put("minimumSocialValuePercent", tender.minimumSocialValuePercent);
        }
        return node;
    }

    private static String status(DeliveryTotals.KpiPerformance kpi) {
        if (kpi.deliveredQuantity().compareTo(kpi.committedQuantity()) >= 0) {
            return "met";
        }
        boolean due = !kpi.dueOn().isAfter(LocalDate.now());
        if (!due) {
            return "scheduled";
        }
        return kpi.deliveredQuantity().signum() > 0 ? "partiallyMet" : "notMet";
    }

    private void party(Map<String, ObjectNode> parties, String id, String name, String... roles) {
        ObjectNode party = parties.computeIfAbsent(id, key -> {
            ObjectNode node = mapper.createObjectNode();
            node.put("id", key);
            node.putArray("roles");
            return node;
        });
        if (name != null && !party.has("name")) {
            party.put("name", name);
        }
        ArrayNode existing = (ArrayNode) party.get("roles");
        for (String role : roles) {
            boolean present = false;
            for (var r : existing) {
                present |= r.asText().equals(role);
            }
            if (!present) {
                existing.add(role);
            }
        }
    }

    private static void value(ObjectNode node, BigDecimal amount) {
        node.put("amount", amount);
        node.put("currency", "GBP");
    }
}
