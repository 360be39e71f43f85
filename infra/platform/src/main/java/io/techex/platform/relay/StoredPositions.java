package io.techex.platform.relay;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.function.Supplier;

/**
 * How far a processor's segments may be, read from the token store without claiming anything: the upper bound of
 * every segment's stored token (a replay's the position it replays up to), or null while none has one. Written as the
 * {@code JdbcTokenStore} writes them: the token serialized by Axon's general serializer, its class in the type column.
 */
final class StoredPositions implements Supplier<TrackingToken> {

    private final JdbcTemplate jdbc;
    private final String sql;
    private final Supplier<Serializer> serializer;
    private final String processor;

    StoredPositions(DataSource dataSource, TokenSchema schema, Supplier<Serializer> serializer, String processor) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.sql = "SELECT " + schema.tokenColumn() + ", " + schema.tokenTypeColumn() + " FROM " + schema.tokenTable()
                + " WHERE " + schema.processorNameColumn() + " = ?";
        this.serializer = serializer;
        this.processor = processor;
    }

    @Override
    public TrackingToken get() {
        TrackingToken[] furthest = {null};
        jdbc.query(sql, row -> {
            byte[] token = row.getBytes(1);
            String type = row.getString(2);
            if (token != null && type != null) {
                TrackingToken stored = serializer.get().deserialize(
                        new SimpleSerializedObject<>(token, byte[].class, new SimpleSerializedType(type, null)));
                furthest[0] = PromptEventSource.upperBound(furthest[0], WrappedToken.unwrapUpperBound(stored));
            }
        }, processor);
        return furthest[0];
    }
}
