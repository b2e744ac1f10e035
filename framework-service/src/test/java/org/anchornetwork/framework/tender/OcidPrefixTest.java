package org.anchornetwork.framework.tender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.anchornetwork.framework.tender.ocds.OcdsExport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The ocid prefix has the form the Open Contracting Partnership registers, or the service does not start. */
class OcidPrefixTest {

    @ParameterizedTest
    @ValueSource(strings = { "ocds-b5fd17", "ocds-anchor", "ocds-000000" })
    void aRegisteredFormIsTaken(String prefix) {
        assertEquals(prefix, OcdsExport.registeredPrefix(prefix));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = { "ocds-anchornet", "ocds-ab12", "OCDS-B5FD17", "ocds-B5fd17", "ocds_b5fd17", "b5fd17", "ocds-b5fd17-",
            " ocds-b5fd17", "" })
    void anythingElseStopsTheServiceFromStarting(String prefix) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> OcdsExport.registeredPrefix(prefix));
        assertTrue(refused.getMessage().contains("anchor.framework.ocds.ocid-prefix"), refused.getMessage());
    }
}
