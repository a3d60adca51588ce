/**
 * Callback tasks for missed hotline calls: every hotline call that ended unanswered becomes one
 * {@link com.example.hotline.callback.Callback} for the desk to call the caller back, created by
 * {@link com.example.hotline.callback.MissedCallListener} on the call-store thread and closed
 * through the API by the user who called back. Storage is behind
 * {@link com.example.hotline.callback.CallbackStore}; no I/O here otherwise.
 */
package com.example.hotline.callback;
