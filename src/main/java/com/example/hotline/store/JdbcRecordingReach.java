package com.example.hotline.store;

import com.example.hotline.call.CallScope;
import com.example.hotline.recording.RecordingReach;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** {@link RecordingReach} with the recording search's own predicate ({@link ScopeSql}). Thread-safe; blocks. */
public final class JdbcRecordingReach implements RecordingReach {

    private final DataSource dataSource;

    public JdbcRecordingReach(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public boolean reaches(long id, CallScope scope) {
        StringBuilder sql = new StringBuilder("SELECT 1 FROM recordings r WHERE r.id = ?");
        List<Object> args = new ArrayList<>(List.of(id));
        ScopeSql.recordings(scope, sql, args);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw Sql.failure("recording " + id + ": reach", e);
        }
    }
}
