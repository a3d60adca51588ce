package com.example.hotline.store;

import com.example.hotline.callback.Callback;
import com.example.hotline.callback.CallbackFilter;
import com.example.hotline.callback.CallbackStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Callback tasks in PostgreSQL. Creation is idempotent by the unique {@code call_id} (insert ... on
 * conflict do nothing); marking done only changes a task that is still open, so two people closing
 * the same task cannot both win. Thread-safe; every method blocks.
 */
public final class JdbcCallbackStore implements CallbackStore {

    private static final String COLUMNS = "id, call_id, linked_id, caller, created_at, status, done_at, done_by, note";

    private final DataSource dataSource;

    public JdbcCallbackStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean createForCall(String linkedId, String caller, String note, Instant at) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO callbacks (call_id, linked_id, caller, "
                     + "created_at, note) SELECT id, linked_id, ?, ?, ? FROM calls WHERE linked_id = ? "
                     + "ON CONFLICT (call_id) DO NOTHING")) {
            ps.setString(1, caller);
            ps.setTimestamp(2, Sql.ts(at));
            ps.setString(3, note);
            ps.setString(4, linkedId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("create callback for call " + linkedId, e);
        }
    }

    @Override
    public List<Callback> search(CallbackFilter f) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM callbacks WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (f.status() != null) {
            sql.append(" AND status = ?");
            args.add(f.status().dbName());
        }
        if (f.from() != null) {
            sql.append(" AND created_at >= ?");
            args.add(Sql.ts(f.from()));
        }
        if (f.to() != null) {
            sql.append(" AND created_at < ?");
            args.add(Sql.ts(f.to()));
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?");
        args.add(f.limit());
        args.add(f.offset());
        return query(sql.toString(), args);
    }

    @Override
    public Optional<Callback> byId(long id) {
        return query("SELECT " + COLUMNS + " FROM callbacks WHERE id = ?", List.of(id)).stream().findFirst();
    }

    @Override
    public Optional<Callback> markDone(long id, String user, String note, Instant at) {
        return query("UPDATE callbacks SET status = 'done', done_at = ?, done_by = ?, note = coalesce(?, note) "
                + "WHERE id = ? AND status = 'open' RETURNING " + COLUMNS,
                Arrays.asList(Sql.ts(at), user, note, id)).stream().findFirst();
    }

    private List<Callback> query(String sql, List<Object> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                if (args.get(i) == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setObject(i + 1, args.get(i));
                }
            }
            List<Callback> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Callback(rs.getLong("id"), rs.getLong("call_id"), rs.getString("linked_id"),
                            rs.getString("caller"), Sql.instant(rs, "created_at"),
                            Callback.Status.ofDbName(rs.getString("status")), Sql.instant(rs, "done_at"),
                            rs.getString("done_by"), rs.getString("note")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("query callbacks", e);
        }
    }
}
