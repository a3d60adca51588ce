/**
 * Tickets (complaints, repairs, consultations, callbacks): the ledger, numbering, the ticket opened
 * from the caller ID when a call arrives, repeat calls, and later the life of a ticket.
 */
package com.example.hotline.ticket;
