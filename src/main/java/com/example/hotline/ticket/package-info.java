/**
 * Tickets (complaints, repairs, consultations, callbacks): the ledger, numbering, the ticket opened
 * from the caller ID when a call arrives, repeat calls, the daily ledger (its rows, the rule for a
 * missing field, its days, its sign-off and its CSV and XLSX files), and later the life of a ticket.
 */
package com.example.hotline.ticket;
