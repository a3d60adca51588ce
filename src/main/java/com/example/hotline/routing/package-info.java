/**
 * Pure routing decisions: where a hotline call rings. For now the front desk; office hours,
 * after-hours candidates and the three-ring strategy add to it. No I/O.
 */
package com.example.hotline.routing;
