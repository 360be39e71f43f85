package io.techex.listing.document;

import io.techex.platform.rules.RuleViolation;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.server.ResponseStatusException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How listing-service takes a file: the file itself as the request body with its own media type, no multipart envelope,
 * read once and bounded while it is hashed; a file name that is a name and nothing else. Listing documents and proposal
 * attachments both go through it.
 */
public final class Uploads {

    /** 10 MiB: datasheets, title certificates, assignment deeds, quotations as PDFs; larger files belong in a data room. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;
    private static final int MAX_NAME = 255;

    private Uploads() {
    }

    /** type/subtype only: parameters such as charset are the client's business once it has the bytes. */
    public static String mediaTypeOf(String contentType) {
        if (contentType == null) {
            throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Send the file as the body, with its media type (e.g. application/pdf) as Content-Type");
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException invalid) {
            throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + contentType + " is not a media type");
        }
        if (type.isWildcardType() || type.isWildcardSubtype() || "multipart".equals(type.getType())
                || MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(type)) {
            // a form would be parsed by the servlet container instead of stored: the body is the file itself
            throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Send the file itself as the body, "
                    + "with its own media type as Content-Type, not " + type.getType() + "/" + type.getSubtype());
        }
        return type.getType() + "/" + type.getSubtype();
    }

    /** The name stripped; 422 naming {@code name} unless it is a plain file name of 1 to 255 characters. */
    public static String fileName(String name) {
        String stripped = name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME) {
            throw RuleViolation.invalid("name", "A file's name is 1 to " + MAX_NAME + " characters");
        }
        if (stripped.chars().anyMatch(c -> Character.isISOControl(c) || c == '/' || c == '\\')) {
            // it becomes the download's file name: no path, nothing that could split a header
            throw RuleViolation.invalid("name", "A file's name is a file name, without control characters, / or \\");
        }
        return stripped;
    }

    /** The body, at most {@link #MAX_BYTES} (413 beyond) and at least one byte (422). */
    public static byte[] readAtMost(InputStream body) throws IOException {
        byte[] content = body.readNBytes(MAX_BYTES + 1);
        if (content.length > MAX_BYTES) {
            throw new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, "A file has at most " + MAX_BYTES + " bytes (10 MiB)");
        }
        if (content.length == 0) {
            throw RuleViolation.invalid("body", "A file has at least one byte");
        }
        return content;
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Always an attachment, never rendered inline, whatever its type. */
    public static String attachment(String name) {
        return ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString();
    }
}
