package org.permitwatch.liaison.notification;

/** Lets writers nudge the relay after a commit without depending on it (the relay may be off in this replica). */
interface DeliveryWakeUp {

    void wakeUp();
}
