package com.example.hotline.ami;

import com.example.hotline.ticket.CallOriginator;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.TimeoutException;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places a ticket's follow-up call with AMI {@code Originate}: the agent's phone
 * ({@code PJSIP/<extension>}) rings first, showing the ticket number; when the agent answers, the
 * dialplan context {@code hotline-followup} starts MixMonitor on the agent's channel and calls the
 * owner's number through the carrier trunk. The channel id is chosen here ({@code fu-<millis>.<n>},
 * never the shape of an Asterisk uniqueid), so the call's linkedid is known before the PBX creates
 * it and the ticket can be linked to it at once.
 *
 * <p>Thread-safe. {@link #originate} blocks until the PBX has queued the request (Async originate:
 * it does not wait for the agent to answer), at most the AMI action timeout; it runs on HTTP worker
 * threads, never on the AMI reader.
 */
public final class AmiCallOriginator implements CallOriginator {

    private static final Logger log = LoggerFactory.getLogger(AmiCallOriginator.class);
    /** Dialplan context that records and dials the owner (deploy/asterisk/extensions.conf). */
    static final String CONTEXT = "hotline-followup";
    private static final Pattern EXTENSION = Pattern.compile("[0-9]{2,10}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{3,20}");
    private static final Pattern TICKET = Pattern.compile("[0-9]{4}-[0-9]{4,9}");
    private static final long ACTION_TIMEOUT_MS = 5_000;

    private final ManagerConnection connection;
    private final Duration ringAgentFor;
    private final String hotlineNumber;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * {@code ringAgentFor}: how long the agent's phone rings before the attempt is given up;
     * {@code hotlineNumber}: the caller ID the owner sees.
     */
    public AmiCallOriginator(ManagerConnection connection, Duration ringAgentFor, String hotlineNumber, Clock clock) {
        this.connection = connection;
        this.ringAgentFor = ringAgentFor;
        this.hotlineNumber = hotlineNumber;
        this.clock = clock;
    }

    @Override
    public String originate(String extension, String number, String ticketNo) {
        if (!EXTENSION.matcher(extension).matches()) {
            throw new IllegalArgumentException("extension '" + extension + "': 2-10 digits expected");
        }
        if (!TICKET.matcher(ticketNo).matches()) {
            throw new IllegalArgumentException("ticket number '" + ticketNo + "' is not YYMM-NNNN");
        }
        String dial = dialString(number);
        if (connection.getState() != ManagerConnectionState.CONNECTED) {
            throw new Failed("the PBX is not connected (AMI " + connection.getState() + ")", null);
        }
        String channelId = "fu-" + clock.millis() + "." + sequence.incrementAndGet();
        OriginateAction action = new OriginateAction();
        action.setChannel("PJSIP/" + extension);
        action.setContext(CONTEXT);
        action.setExten(dial);
        action.setPriority(1);
        action.setAsync(true);
        action.setTimeout(ringAgentFor.toMillis());
        action.setChannelId(channelId);
        // what the agent's phone shows while it rings: which ticket, which number
        action.setCallerId("\"Ticket " + ticketNo + "\" <" + dial + ">");
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("HOTLINE_TICKET", ticketNo);
        vars.put("HOTLINE_NUMBER", hotlineNumber);
        action.setVariables(vars);
        ManagerResponse response;
        try {
            response = connection.sendAction(action, ACTION_TIMEOUT_MS);
        } catch (IOException | TimeoutException | IllegalStateException e) {
            throw new Failed("the PBX did not take the call: " + e.getMessage(), e);
        }
        if (response instanceof ManagerError || !"Success".equalsIgnoreCase(response.getResponse())) {
            throw new Failed("the PBX refused the call: " + response.getMessage(), null);
        }
        log.info("ticket {}: follow-up call {} queued, ringing {} then {}", ticketNo, channelId, extension, dial);
        return channelId;
    }

    /**
     * The owner's number as the carrier is dialled: digits only; another country's {@code +} becomes
     * the international prefix {@code 00}. Anything else is refused (it never reaches the dialplan).
     */
    static String dialString(String number) {
        if (number == null) {
            throw new IllegalArgumentException("no number to call");
        }
        String n = number.startsWith("+") ? "00" + number.substring(1) : number;
        if (!DIGITS.matcher(n).matches()) {
            throw new IllegalArgumentException("'" + number + "' is not a number that can be dialled");
        }
        return n;
    }
}
