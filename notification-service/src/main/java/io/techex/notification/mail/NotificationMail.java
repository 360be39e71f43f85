package io.techex.notification.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.util.UUID;

/**
 * An e-mail whose Message-ID is derived from the notification and the person, the same on every attempt: Jakarta Mail
 * would make a new one each time it is saved. If the sender crashes after the relay took a message and before the
 * outbox row was marked sent, the message goes again after a restart, under the same Message-ID, by which mail
 * stores and clients recognise the duplicate.
 */
final class NotificationMail extends MimeMessage {

    private final String messageId;

    NotificationMail(Session session, UUID notificationId, String personId) {
        super(session);
        this.messageId = messageIdOf(notificationId, personId);
    }

    static String messageIdOf(UUID notificationId, String personId) {
        return "<" + notificationId + "." + personId.replaceAll("[^A-Za-z0-9._-]", "-") + "@notification.techex>";
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
