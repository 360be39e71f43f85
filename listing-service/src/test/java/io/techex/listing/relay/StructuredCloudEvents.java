package io.techex.listing.relay;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.techex.testkit.KafkaRecords;

/** The relay writes structured-mode JSON CloudEvents: the whole event is the record's value. */
final class StructuredCloudEvents {

    private StructuredCloudEvents() {
    }

    static CloudEvent of(KafkaRecords.Received record) {
        return EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE).deserialize(record.value());
    }
}
