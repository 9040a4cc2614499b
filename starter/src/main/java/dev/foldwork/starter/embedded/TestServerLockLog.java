package dev.foldwork.starter.embedded;

import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;

/**
 * Bounds the lock log of Temporal's test server (1.38), which otherwise makes it slower the
 * longer it runs. Its time-skipping timer logs every lock and unlock in a {@code LinkedList}
 * kept only for diagnostics; locks taken by name (each workflow task and activity) are never
 * removed from it, and every request's own unlock removes its entry by a scan from the head.
 * After a million tasks each request scanned a million entries: in the service benchmark 12% of
 * all CPU samples were {@code LinkedList.remove} inside the server's global lock, and commands
 * per second fell as the run went on. This keeps the last {@value #KEPT} entries, which is all
 * its diagnostics print usefully. A lock taken by handle (each request's own) removes its entry at
 * unlock and calls a missing one unbalanced; held while more than {@value #KEPT} others come and
 * go, its entry is gone, so the bounded log reports it removed (the server's lock count still
 * catches an unlock too many).
 */
public final class TestServerLockLog {
    static final int KEPT = 64;

    private TestServerLockLog() {}

    /**
     * Bounds the log of the timer held by {@code owner} (a {@code TestServicesStarter} or a
     * {@code TestWorkflowService}) in its field {@code selfAdvancingTimer}.
     *
     * @throws IllegalStateException when the server's internals are not as this expects (a new
     *                               Temporal version): the upgrade must look at this again
     */
    public static void bound(Object owner) {
        try {
            Object timer = field(owner.getClass(), "selfAdvancingTimer").get(owner);
            Field log = field(timer.getClass(), "lockEvents");
            Lock lock = (Lock) field(timer.getClass(), "lock").get(timer);
            lock.lock();
            try {
                Bounded<Object> bounded = new Bounded<>();
                bounded.addAll((LinkedList<?>) log.get(timer));
                log.set(timer, bounded);
            } finally {
                lock.unlock();
            }
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("the Temporal test server's timer is not as TestServerLockLog expects"
                    + " (was Temporal upgraded?): " + e, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** A log that forgets its oldest entries; every add and remove of the server happens under its timer's lock. */
    private static final class Bounded<E> extends LinkedList<E> {
        @Override
        public boolean add(E entry) {
            super.add(entry);
            while (size() > KEPT) {
                removeFirst();
            }
            return true;
        }

        /** True also for an entry already forgotten: a handle's unlock fails on false. */
        @Override
        public boolean remove(Object entry) {
            super.remove(entry);
            return true;
        }
    }
}
