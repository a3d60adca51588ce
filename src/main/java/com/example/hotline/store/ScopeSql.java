package com.example.hotline.store;

import com.example.hotline.call.CallScope;
import java.util.List;

/**
 * The SQL that narrows a query to what a person may see ({@link CallScope}), for the tables other
 * than {@code calls} (see {@link JdbcCallStore#scope}): recordings follow their call (an agent's
 * recordings are those of the calls answered or joined at their extension; a limited quality user's
 * those of calls whose ticket is of their departments or buildings), tickets their own department and
 * building. Values are always parameters. Stateless.
 */
final class ScopeSql {

    private ScopeSql() {}

    /** Narrows a query over {@code recordings r}. */
    static void recordings(CallScope scope, StringBuilder sql, List<Object> args) {
        if (scope.nothing()) {
            sql.append(" AND FALSE");
        } else if (scope.extension() != null) {
            sql.append(" AND (r.extension = ? OR EXISTS (SELECT 1 FROM calls sc WHERE sc.linked_id = r.linked_id "
                    + "AND (sc.answered_by = ? OR EXISTS (SELECT 1 FROM call_legs sl WHERE sl.call_id = sc.id "
                    + "AND sl.endpoint = ? AND sl.answered_at IS NOT NULL))))");
            args.add(scope.extension());
            args.add(scope.extension());
            args.add(scope.extension());
        } else if (!scope.all()) {
            sql.append(" AND EXISTS (SELECT 1 FROM ticket_calls sk JOIN tickets st ON st.id = sk.ticket_id "
                    + "WHERE sk.linked_id = r.linked_id AND (st.department = ANY (?::text[]) "
                    + "OR st.building = ANY (?::text[])))");
            args.add(scope.departments().toArray(String[]::new));
            args.add(scope.buildings().toArray(String[]::new));
        }
    }

    /**
     * Narrows a query over {@code tickets t} to the departments and buildings of {@code scope}; an
     * extension scope does not narrow tickets (the front desk works the whole ledger).
     */
    static void tickets(CallScope scope, StringBuilder sql, List<Object> args) {
        if (scope.nothing()) {
            sql.append(" AND FALSE");
        } else if (scope.extension() == null && !scope.all()) {
            sql.append(" AND (t.department = ANY (?::text[]) OR t.building = ANY (?::text[]))");
            args.add(scope.departments().toArray(String[]::new));
            args.add(scope.buildings().toArray(String[]::new));
        }
    }
}
