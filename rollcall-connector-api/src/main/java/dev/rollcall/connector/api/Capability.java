package dev.rollcall.connector.api;

/** An optional ability of a connector, declared so the engine and the contract suite know. */
public enum Capability {
    /** {@link Connector#read} in {@link ReadMode#FULL}. Every connector has it. */
    FULL_READ,
    /** {@link Connector#read} in {@link ReadMode#DELTA}: only what changed since a watermark. */
    DELTA_READ,
    /** {@link Connector#fetch}: one record by its external id. */
    FETCH_BY_ID,
    /** {@link Connector#writer()}: create, update and delete upstream. */
    WRITE,
    /** {@link Connector#webhooks()}: the upstream pushes change events. */
    WEBHOOKS
}
