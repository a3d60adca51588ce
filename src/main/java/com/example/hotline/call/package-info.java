/**
 * The vocabulary of a call: PBX events as plain records ({@link com.example.hotline.call.PbxEvent}),
 * the call and its legs as the tracker sees them, the ring-time rule of check C1
 * ({@link com.example.hotline.call.RingRule}), and the {@link com.example.hotline.call.CallTracker}
 * that correlates channels by Linkedid into calls. No I/O here except through
 * {@link com.example.hotline.call.CallStore}.
 */
package com.example.hotline.call;
