package org.anchornetwork.events;

import java.util.List;
import java.util.Optional;

import org.anchornetwork.events.framework.ContractAwardedV1;
import org.anchornetwork.events.framework.DeliveryOverdueV1;
import org.anchornetwork.events.framework.DeliveryReportedV1;
import org.anchornetwork.events.framework.FrameworkCreatedV1;
import org.anchornetwork.events.framework.FrameworkVersionPublishedV1;
import org.anchornetwork.events.framework.FrameworkVersionRetiredV1;
import org.anchornetwork.events.pledge.ProgressRecordedV1;
import org.anchornetwork.events.pledge.SignatoryJoinedV1;
import org.anchornetwork.events.pledge.SignatoryLeftV1;
import org.anchornetwork.events.spend.BatchIngestedV1;

/** The catalogue of every event type the network publishes. docs/events.md mirrors this list. */
public final class EventTypes {

    public static final EventType<FrameworkCreatedV1> FRAMEWORK_CREATED_V1 =
            new EventType<>("framework.framework-created.v1", Topics.FRAMEWORK, FrameworkCreatedV1.class);

    public static final EventType<FrameworkVersionPublishedV1> FRAMEWORK_VERSION_PUBLISHED_V1 =
            new EventType<>("framework.version-published.v1", Topics.FRAMEWORK, FrameworkVersionPublishedV1.class);

    public static final EventType<FrameworkVersionRetiredV1> FRAMEWORK_VERSION_RETIRED_V1 =
            new EventType<>("framework.version-retired.v1", Topics.FRAMEWORK, FrameworkVersionRetiredV1.class);

    public static final EventType<ContractAwardedV1> CONTRACT_AWARDED_V1 =
            new EventType<>("framework.contract-awarded.v1", Topics.FRAMEWORK, ContractAwardedV1.class);

    public static final EventType<DeliveryReportedV1> DELIVERY_REPORTED_V1 =
            new EventType<>("framework.delivery-reported.v1", Topics.FRAMEWORK, DeliveryReportedV1.class);

    public static final EventType<DeliveryOverdueV1> DELIVERY_OVERDUE_V1 =
            new EventType<>("framework.delivery-overdue.v1", Topics.FRAMEWORK, DeliveryOverdueV1.class);

    public static final EventType<BatchIngestedV1> BATCH_INGESTED_V1 =
            new EventType<>("spend.batch-ingested.v1", Topics.SPEND, BatchIngestedV1.class);

    public static final EventType<SignatoryJoinedV1> SIGNATORY_JOINED_V1 =
            new EventType<>("pledge.signatory-joined.v1", Topics.PLEDGE, SignatoryJoinedV1.class);

    public static final EventType<SignatoryLeftV1> SIGNATORY_LEFT_V1 =
            new EventType<>("pledge.signatory-left.v1", Topics.PLEDGE, SignatoryLeftV1.class);

    public static final EventType<ProgressRecordedV1> PROGRESS_RECORDED_V1 =
            new EventType<>("pledge.progress-recorded.v1", Topics.PLEDGE, ProgressRecordedV1.class);

    private static final List<EventType<?>> ALL = List.of(FRAMEWORK_CREATED_V1, FRAMEWORK_VERSION_PUBLISHED_V1,
            FRAMEWORK_VERSION_RETIRED_V1, CONTRACT_AWARDED_V1, DELIVERY_REPORTED_V1,
            DELIVERY_OVERDUE_V1, BATCH_INGESTED_V1, SIGNATORY_JOINED_V1, SIGNATORY_LEFT_V1, PROGRESS_RECORDED_V1);

    private EventTypes() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byName(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }
}
