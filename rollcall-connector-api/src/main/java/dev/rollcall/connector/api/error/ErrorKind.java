package dev.rollcall.connector.api.error;

/** How the engine treats a connector's failure. */
public enum ErrorKind {
    /** Temporary: retried with backoff, honouring the retry-after when there is one. */
    RETRIABLE,
    /** The upstream throttled us: retried after its retry-after; the run goes on. */
    RATE_LIMITED,
    /** Credentials were refused: never retried; the integration needs an operator. */
    AUTHENTICATION,
    /** The configuration cannot work (bad URL, unknown tenant, missing permission): not retried. */
    CONFIG,
    /** One record is bad: it goes to dead letters with its context and the run continues. */
    DATA
}
