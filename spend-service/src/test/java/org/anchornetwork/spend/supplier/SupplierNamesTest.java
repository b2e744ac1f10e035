package org.anchornetwork.spend.supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class SupplierNamesTest {

    @Test
    void caseePunctuationAmpersandsAndLegalFormsDoNotTellSuppliersApart() {
        String expected = "SMITH AND SONS";
        assertEquals(expected, SupplierNames.normalise("Smith & Sons Limited"));
        assertEquals(expected, SupplierNames.normalise("SMITH AND SONS LTD."));
        assertEquals(expected, SupplierNames.normalise("smith and sons"));
        assertEquals(expected, SupplierNames.normalise("The Smith & Sons Co. Ltd"));
        assertEquals(expected, SupplierNames.normalise("J Smith T/A Smith & Sons"));
        assertEquals(expected, SupplierNames.normalise("J. Smith trading as Smith and Sons"));
    }

    @Test
    void namesThatDifferStayDifferent() {
        assertNotEquals(SupplierNames.normalise("Smith & Sons Ltd"), SupplierNames.normalise("Smith & Daughters Ltd"));
        assertEquals("DARLINGTON CREDIT UNION", SupplierNames.normalise("DARLINGTON CREDIT UNION LIMITED"));
        assertEquals("TEES VALLEY BAKERY CIC", SupplierNames.normalise("Tees Valley Bakery CIC"));
        assertNull(SupplierNames.normalise(" - "));
        assertNull(SupplierNames.normalise(null));
    }
}
