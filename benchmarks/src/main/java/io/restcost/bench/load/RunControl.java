package io.restcost.bench.load;

/**
 * Stops a run early from another thread (Ctrl-C, a failing target) and remembers why, so
 * what was measured is still written and marked as interrupted.
 */
public final class RunControl {

    private volatile boolean stopping;
    private volatile String interruptedBy;

    /** Asks the workers to finish their current request and stop; the run is marked interrupted. */
    public void interrupt(String why) {
        interruptedBy = why;
        stopping = true;
    }

    public boolean stopping() {
        return stopping;
    }

    public boolean interrupted() {
        return interruptedBy != null;
    }

    /** Why the run was interrupted, or null. */
    public String interruptedBy() {
        return interruptedBy;
    }
}
