package io.techex.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;

/**
 * A real SMTP server (GreenMail) for the tests' notification-services, started once per test JVM on a free port before
 * the first Spring context, which finds the port in {@code techex.test.smtp-port}. Tests share it, so each looks only
 * at the messages of its own notifications ({@link #messagesOf}).
 */
public final class MailServer implements BeforeAllCallback {

    private static GreenMail greenMail;

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
    }

    public static synchronized GreenMail get() {
        if (greenMail == null) {
            int port = freePort();
            greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            greenMail.start();
            System.setProperty("techex.test.smtp-port", String.valueOf(port));
            Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "greenmail-stop"));
        }
        return greenMail;
    }

    /** Every message received so far whose X-TechEx-Notification header is {@code notificationId}. */
    public static List<MimeMessage> messagesOf(String notificationId) {
        return Arrays.stream(get().getReceivedMessages())
                .filter(message -> notificationId.equals(header(message, "X-TechEx-Notification")))
                .toList();
    }

    public static String header(MimeMessage message, String name) {
        try {
            return message.getHeader(name, null);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
