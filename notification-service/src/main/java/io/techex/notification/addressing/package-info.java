/**
 * What a notification is about ({@link io.techex.notification.addressing.Kind}) and whom it addresses
 * ({@link io.techex.notification.addressing.Audience}): shared by the feed and by the people it reaches, so that
 * neither package depends on the other for them.
 */
package io.techex.notification.addressing;
