package com.example.hotline.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.hotline.ticket.CallOriginator;
import java.time.Clock;
import java.time.Duration;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.junit.jupiter.api.Test;

class AmiCallOriginatorTest {

    @Test
    void onlyDigitsReachTheDialplan() {
        assertEquals("13800138000", AmiCallOriginator.dialString("13800138000"));
        assertEquals("0012125550100", AmiCallOriginator.dialString("+12125550100"), "+ becomes 00");
        for (String bad : new String[] {null, "", "12", "138&PJSIP/8001", "1380013800a", "+", "13800138000,t"}) {
            assertThrows(IllegalArgumentException.class, () -> AmiCallOriginator.dialString(bad),
                    "refused: " + bad);
        }
    }

    @Test
    void aPbxThatIsNotConnectedIsAClearFailureNotAnException() {
        // nothing listens on 127.0.0.1:1; the connection is never logged in
        AmiCallOriginator originator = new AmiCallOriginator(
                new ManagerConnectionFactory("127.0.0.1", 1, "u", "p").createManagerConnection(),
                Duration.ofSeconds(30), "400", Clock.systemUTC());
        CallOriginator.Failed e = assertThrows(CallOriginator.Failed.class,
                () -> originator.originate("8001", "13800138000", "2611-0001"));
        assertTrue(e.getMessage().contains("not connected"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> originator.originate("8001;x", "13800138000", "2611-0001"));
        assertThrows(IllegalArgumentException.class, () -> originator.originate("8001", "13800138000", "../x"));
    }
}
