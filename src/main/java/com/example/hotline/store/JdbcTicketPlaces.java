package com.example.hotline.store;

import com.example.hotline.ticket.TicketPlaces;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/** {@link TicketPlaces} over {@code tickets}: one query with the numbers as an array parameter. Thread-safe. */
public final class JdbcTicketPlaces implements TicketPlaces {

    private final DataSource dataSource;

    public JdbcTicketPlaces(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Map<String, Place> of(Collection<String> ticketNos) {
        Map<String, Place> out = new HashMap<>();
        if (ticketNos.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT ticket_no, department, building FROM tickets "
                     + "WHERE ticket_no = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", ticketNos.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), new Place(rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Sql.failure("places of " + ticketNos.size() + " tickets", e);
        }
    }

    @Override
    public Optional<Place> ofOrder(long orderId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT t.department, t.building FROM dispatch_orders o "
                     + "JOIN tickets t ON t.id = o.ticket_id WHERE o.id = ?")) {
            ps.setLong(1, orderId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Place(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Sql.failure("place of the ticket of order " + orderId, e);
        }
    }
}
