package com.example.hotline.web;

import com.example.hotline.ticket.LedgerDays;
import com.example.hotline.ticket.LedgerRow;
import com.example.hotline.ticket.LedgerStore;
import com.example.hotline.ticket.SignOff;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/ledger/{date}/sign-off} with an optional JSON body {@code {"note": "..."}}: the
 * service-centre head signs one day's ledger off (C11). Only users with role admin or quality may sign
 * (403 otherwise, and for quality staff limited to some departments or buildings: the sign-off covers
 * the whole desk's ledger); a day after today in the desk's zone is 400; a day already signed is 409 naming who
 * signed it. The sign-off keeps the ledger's counts at that moment (tickets, tickets with a missing
 * field, missing fields); a ledger with missing fields may be signed, the counts say so. Stateless;
 * runs on an http-worker thread.
 */
public final class LedgerSignOffHandler implements Handler {

    private static final Logger log = LoggerFactory.getLogger(LedgerSignOffHandler.class);
    static final Set<String> SIGNING_ROLES = Set.of("admin", "quality");

    private final LedgerStore ledger;
    private final ZoneId zone;
    private final Clock clock;

    public LedgerSignOffHandler(LedgerStore ledger, ZoneId zone, Clock clock) {
        this.ledger = ledger;
        this.zone = zone;
        this.clock = clock;
    }

    @Override
    public Response handle(Request r) {
        if (!SIGNING_ROLES.contains(r.user().role())) {
            return Response.error(403, "only a user with role admin or quality may sign the ledger off; "
                    + r.user().username() + " is " + r.user().role());
        }
        Access.requireWholeDesk(r.user(), "the daily sign-off");
        LocalDate day = Params.date("date", r.pathParam("date"));
        LocalDate today = LedgerDays.today(clock, zone);
        if (day.isAfter(today)) {
            throw new BadRequestException("date: " + day + " is in the future (today is " + today + " in "
                    + zone.getId() + ")");
        }
        String note = CallbackDoneHandler.note(r.body());
        List<LedgerRow> rows = LedgerHandler.rows(ledger, day, zone);
        LedgerHandler.Counts counts = LedgerHandler.Counts.of(rows);
        // microseconds: what PostgreSQL keeps, so the answer shows the time exactly as stored
        SignOff signOff = new SignOff(day, r.user().username(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                note, counts.tickets(), counts.withMissing(), counts.fields());
        if (!ledger.sign(signOff)) {
            return ledger.signOff(day)
                    .map(s -> Response.error(409, "the ledger of " + day + " is already signed off by "
                            + s.signedBy() + " at " + s.signedAt().atZone(zone).toOffsetDateTime()))
                    .orElseGet(() -> Response.error(409, "the ledger of " + day + " is already signed off"));
        }
        log.info("ledger {}: signed off by {} ({} tickets, {} with missing fields)", day, signOff.signedBy(),
                signOff.tickets(), signOff.ticketsWithMissing());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("date", day.toString());
        out.put("signOff", LedgerHandler.signOff(signOff, zone));
        return Response.jsonWithNulls(out);
    }
}
