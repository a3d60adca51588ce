/**
 * Live alerts for supervisors: what went wrong on which call, raised the moment it happens (a ring
 * breach while the phone still rings), logged, stored and pushed to every live page. The
 * {@link com.example.hotline.alert.RingBreachMonitor} watches ringing calls against the C1 rule.
 */
package com.example.hotline.alert;
