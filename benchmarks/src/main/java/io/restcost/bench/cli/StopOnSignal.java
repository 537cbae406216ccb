package io.restcost.bench.cli;

import io.restcost.bench.load.RunControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C stops the measurement instead of the process: the shutdown hook asks the run to
 * stop, then waits (up to a minute) until everything measured so far is written.
 */
final class StopOnSignal implements AutoCloseable {

    final RunControl control = new RunControl();
    private final CountDownLatch written = new CountDownLatch(1);
    private final Thread hook;

    StopOnSignal() {
        hook = new Thread(() -> {
            control.interrupt("stopped by a signal (Ctrl-C or kill)");
            try {
                written.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "restcost-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Results are written: let the process exit. */
    @Override
    public void close() {
        written.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it sees the latch
        }
    }
}
