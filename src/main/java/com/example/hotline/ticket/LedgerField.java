package com.example.hotline.ticket;

/**
 * The ten columns of the desk's ledger (requirement C8), in the ledger's order, each with its JSON
 * name and its Chinese and English header.
 */
public enum LedgerField {
    TICKET_NO("ticketNo", "单号", "Ticket no."),
    TIME("time", "时间", "Time"),
    ROOM("room", "房号", "Room no."),
    NAME("name", "姓名", "Name"),
    PHONE("phone", "电话", "Phone"),
    MATTER("matter", "事项", "Matter"),
    RECORDER("recorder", "记录人", "Recorder"),
    RECEIVER("receiver", "接单人", "Receiver"),
    DEPARTMENT("department", "接单部门", "Receiving department"),
    RECEIVED_AT("receivedAt", "接单时间", "Receiving time");

    private final String json;
    private final String chinese;
    private final String english;

    LedgerField(String json, String chinese, String english) {
        this.json = json;
        this.chinese = chinese;
        this.english = english;
    }

    /** The field's name in the API ({@code receivedAt}). */
    public String json() {
        return json;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** The bilingual header of an export: {@code 单号 Ticket no.}. */
    public String header() {
        return chinese + " " + english;
    }

    /** The three fields that exist only once a ticket is dispatched to a department. */
    public boolean dispatch() {
        return this == RECEIVER || this == DEPARTMENT || this == RECEIVED_AT;
    }
}
