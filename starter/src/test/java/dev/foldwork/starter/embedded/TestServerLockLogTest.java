package dev.foldwork.starter.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestServerLockLogTest {

    /** Locks taken and released by name, as each workflow task and activity does, leave the log bounded. */
    @Test
    void theTestServersLockLogKeepsOnlyItsLatestEntries() throws Exception {
        try (TestServicesStarter services = new TestServicesStarter(false, 0)) {
            TestServerLockLog.bound(services);
            Object timer = field(services, "selfAdvancingTimer");
            Method lock = method(timer, "lockTimeSkipping");
            Method unlock = method(timer, "unlockTimeSkipping");
            for (int i = 0; i < 10_000; i++) {
                lock.invoke(timer, "task " + i);
                unlock.invoke(timer, "task " + i);
            }
            assertThat((List<?>) field(timer, "lockEvents")).hasSizeLessThanOrEqualTo(TestServerLockLog.KEPT);
        }
    }

    /** A lock held by its handle while more than the log keeps come and go unlocks without "Unbalanced lock and unlock calls". */
    @Test
    void aLockHeldLongerThanTheLogRemembersStillUnlocks() throws Exception {
        try (TestServicesStarter services = new TestServicesStarter(false, 0)) {
            TestServerLockLog.bound(services);
            Object timer = field(services, "selfAdvancingTimer");
            Method lock = method(timer, "lockTimeSkipping");
            Method unlock = method(timer, "unlockTimeSkipping");
            Object held = lock.invoke(timer, "held"); // a LockHandle, which is not public
            for (int i = 0; i < TestServerLockLog.KEPT * 2; i++) {
                lock.invoke(timer, "task " + i);
                unlock.invoke(timer, "task " + i);
            }
            Method release = held.getClass().getMethod("unlock");
            release.setAccessible(true);
            release.invoke(held);
        }
    }

    private static Object field(Object owner, String name) throws Exception {
        Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    private static Method method(Object owner, String name) throws Exception {
        Method method = owner.getClass().getMethod(name, String.class);
        method.setAccessible(true);
        return method;
    }
}
