/**
 * The quality staff's audit (C11, C12) and the inspection form (C1–C13): the ledger against the
 * recordings both ways, a random 60 % sample of dispatch orders with pass/fail marks, the daily
 * ledger sign-off status, and the checklist with a status, figures and evidence per item. Items whose
 * data source does not exist yet say so ({@code unknown}) instead of passing.
 */
package com.example.hotline.audit;
