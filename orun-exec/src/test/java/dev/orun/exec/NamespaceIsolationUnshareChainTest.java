package dev.orun.exec;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;

/**
 * Every guarantee of {@link NamespaceIsolationTest} again with the fallback sandbox strategy (the
 * unshare chain, used where perl is missing), chosen with the runner's {@code orun.sandbox} switch.
 */
@Tag("slow")
class NamespaceIsolationUnshareChainTest extends NamespaceIsolationTest {

    @BeforeAll
    static void useTheUnshareChain() {
        System.setProperty("orun.sandbox", "unshare");
    }

    @AfterAll
    static void backToThePreferredStrategy() {
        System.clearProperty("orun.sandbox");
    }
}
