package org.anchornetwork.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/**
 * The real public files beside the checkout ({@code ../shared/data}: council spend files, OCDS packages and schema,
 * postcode lookups). They are never copied into the project; a test that needs them is skipped, saying why, where
 * the folder is absent. {@code ANCHOR_SHARED_DATA} (or the system property {@code anchor.shared-data}) points
 * elsewhere.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The folder, if present. */
    public static Path root() {
        String configured = System.getProperty("anchor.shared-data", System.getenv("ANCHOR_SHARED_DATA"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        // Tests run in a module folder; the checkout's root holds mvnw, and shared/ sits beside the checkout.
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        Path checkout = dir == null ? Path.of("").toAbsolutePath() : dir;
        return checkout.resolveSibling("shared").resolve("data").normalize();
    }

    /** A file under the folder; skips the calling test when it is not there. */
    public static Path file(String relative) {
        Path file = root().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file) || Files.isDirectory(file),
                () -> "Skipped: the real public file " + file + " is not here (../shared/data is absent beside the checkout; "
                        + "set ANCHOR_SHARED_DATA to its folder to run this test)");
        return file;
    }
}
