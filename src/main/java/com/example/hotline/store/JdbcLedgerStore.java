package com.example.hotline.store;

import com.example.hotline.ticket.LedgerStore;
import com.example.hotline.ticket.SignOff;
import com.example.hotline.ticket.Ticket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The ledger's reads and the daily sign-offs in PostgreSQL. A day is signed at most once: the insert
 * does nothing on a conflict with the day's primary key, so two heads signing at the same moment get
 * one success and one refusal. Thread-safe; every method blocks.
 */
public final class JdbcLedgerStore implements LedgerStore {

    private final DataSource dataSource;

    public JdbcLedgerStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public List<Ticket> createdBetween(Instant from, Instant to) {
        try (Connection c = dataSource.getConnection()) {
            return JdbcTicketStore.list(c, "SELECT " + JdbcTicketStore.COLUMNS + " FROM tickets t "
                    + "WHERE t.created_at >= ? AND t.created_at < ? ORDER BY t.created_at, t.ticket_no",
                    List.of(Sql.ts(from), Sql.ts(to)));
        } catch (SQLException e) {
            throw Sql.failure("read the ledger", e);
        }
    }

    @Override
    public Optional<SignOff> signOff(LocalDate day) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT day, signed_by, signed_at, note, tickets, "
                     + "tickets_with_missing, missing_fields FROM ledger_signoffs WHERE day = ?")) {
            ps.setObject(1, day);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SignOff(rs.getObject("day", LocalDate.class), rs.getString("signed_by"),
                        Sql.instant(rs, "signed_at"), rs.getString("note"), rs.getInt("tickets"),
                        rs.getInt("tickets_with_missing"), rs.getInt("missing_fields")));
            }
        } catch (SQLException e) {
            throw Sql.failure("read the sign-off of " + day, e);
        }
    }

    @Override
    public boolean sign(SignOff s) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO ledger_signoffs (day, signed_by, signed_at, "
                     + "note, tickets, tickets_with_missing, missing_fields) VALUES (?,?,?,?,?,?,?) "
                     + "ON CONFLICT (day) DO NOTHING")) {
            ps.setObject(1, s.day());
            ps.setString(2, s.signedBy());
            ps.setTimestamp(3, Sql.ts(s.signedAt()));
            ps.setString(4, s.note());
            ps.setInt(5, s.tickets());
            ps.setInt(6, s.ticketsWithMissing());
            ps.setInt(7, s.missingFields());
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw Sql.failure("sign off the ledger of " + s.day(), e);
        }
    }
}
