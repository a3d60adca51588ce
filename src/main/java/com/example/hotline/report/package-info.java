/**
 * Reports over stored calls: the answer-time report (check C1, answered within three rings) grouped
 * by day, hour or agent. The figures are computed by the database behind
 * {@link com.example.hotline.report.ReportStore}; this package holds only the query and result
 * values and does no I/O itself.
 */
package com.example.hotline.report;
