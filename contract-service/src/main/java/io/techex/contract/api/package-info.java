/**
 * What contract-service publishes for the rest of the exchange: its public events (CloudEvents on
 * {@code techex.contract.events}, schemas in {@code contracts/contract/}) and the value types they carry. The subject
 * and Kafka key of every one is the listing (the technology asset), so an asset's whole history stays in order.
 */
package io.techex.contract.api;
