/**
 * What audit-service publishes for the rest of the exchange and for outsiders: signed tree heads of the log
 * (CloudEvents on {@code techex.audit.events}, schemas in the contracts folder).
 */
package io.techex.audit.api;
