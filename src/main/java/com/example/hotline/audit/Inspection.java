package com.example.hotline.audit;

import com.example.hotline.audit.InspectionItem.Evidence;
import com.example.hotline.report.AnswerTimeFigures;
import com.example.hotline.report.AnswerTimeQuery;
import com.example.hotline.report.GroupBy;
import com.example.hotline.report.ReportStore;
import com.example.hotline.ticket.LedgerDays;
import com.example.hotline.ticket.LedgerRow;
import com.example.hotline.ticket.LedgerStore;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The inspection form C1–C13 for the days from..to of the desk's time zone, from the data the server
 * has: calls and their ring times, the ledger, dispatch orders, sign-offs, the audit sample and the
 * recordings side of {@link RecordingCheck}. An item whose source does not exist yet (the recording
 * index, archive and retention; after-hours routing; the PBX's ringback configuration) is
 * {@code unknown}, never {@code pass}. Thread-safe; {@link #form} blocks on I/O.
 */
public final class Inspection {

    static final double SAMPLE_SHARE = 0.6;

    private final ReportStore reports;
    private final LedgerStore ledger;
    private final AuditStore audit;
    private final RecordingCheck recordings;
    private final ZoneId zone;
    private final Clock clock;

    public Inspection(ReportStore reports, LedgerStore ledger, AuditStore audit, RecordingCheck recordings, ZoneId zone,
                      Clock clock) {
        this.reports = reports;
        this.ledger = ledger;
        this.audit = audit;
        this.recordings = recordings;
        this.zone = zone;
        this.clock = clock;
    }

    public List<InspectionItem> form(LocalDate from, LocalDate to) {
        Instant start = LedgerDays.start(from, zone);
        Instant end = LedgerDays.end(to, zone);
        String range = "from=" + from + "&to=" + to;
        Instant now = clock.instant();
        List<InspectionItem> items = new ArrayList<>();
        items.add(c1(start, end, range));
        items.add(unknown("C2", "服务热线铃响3声内接听,前台电话不允许使用彩铃", "no custom ringback tone before answer",
                "the PBX's dialplan plays only the standard ring (deploy/asterisk), but the server keeps no per-call evidence "
                        + "of what the caller heard: check on the PBX", List.of()));
        RecordingCheck.Coverage coverage = recordings.coverage(start, end);
        items.add(c3(coverage, range));
        items.add(c4(coverage, range));
        items.add(unknown("C5", "热线转接到其他部门具备录音功能的电话上,不能转接至手机",
                "transfers and after-hours calls only to recording extensions, never to mobiles",
                "no data source yet: the extension registry and after-hours routing (issue 6) are not installed", List.of()));
        items.add(unknown("C6", "客服部每日整理前一天的电话录音文件,统一命名并存储在专用文档内",
                "yesterday's recordings named uniformly and archived every day",
                "no data source yet: the daily recording archive (issue 5) is not installed", List.of()));
        items.add(unknown("C7", "录音文件保存不少于3个月,连续保存3个月以上", "recordings kept at least 3 months, every day present",
                "no data source yet: retention and the continuity check (issue 5) are not installed", List.of()));
        items.add(c8(start, end, range));
        AuditStore.DispatchFigures d = audit.dispatchFigures(start, end, now);
        items.add(c9(d, range));
        items.add(c10(d, range));
        items.add(c11(from, to, range));
        items.add(c12(start, end, range));
        items.add(unknown("C13", "现场报修测试的来电录音正常:录音记录 有/无;语音效果 清晰/一般/不清晰",
                "the test call is recorded and its sound is clear",
                "no data source yet: recording quality grades come with the recording index (issue 5)",
                List.of(new Evidence("recording search", "/#/recordings?" + range))));
        return items;
    }

    private InspectionItem c1(Instant start, Instant end, String range) {
        AnswerTimeFigures f = reports.answerTimes(new AnswerTimeQuery(start, end, GroupBy.DAY, zone)).totals();
        Map<String, Object> fig = figures("calls", f.calls(), "answered", f.answered(), "withinThreeRings",
                f.withinThreeRings(), "withinThreeRingsShare", f.withinThreeRingsShare(), "missed", f.missed(),
                "medianRingSeconds", f.medianRingSeconds(), "p90RingSeconds", f.p90RingSeconds());
        String status = f.calls() == 0 ? InspectionItem.NO_DATA
                : f.withinThreeRings() == f.calls() ? InspectionItem.PASS : InspectionItem.FAIL;
        return new InspectionItem("C1", "服务热线铃响3声内接听,用语规范", "hotline answered within three rings", status, fig,
                "ring time from PBX timestamps; an unanswered call counts as a failure; the greeting is not measured",
                List.of(new Evidence("calls", "/#/calls?" + range),
                        new Evidence("answer-time report", "/api/reports/answer-times?" + range + "&groupBy=day"),
                        new Evidence("ring breach alerts", "/api/alerts?" + range + "&kind=ring-breach")));
    }

    private InspectionItem c3(RecordingCheck.Coverage c, String range) {
        String status = !recordings.indexed() ? InspectionItem.UNKNOWN
                : c.calls() == 0 ? InspectionItem.NO_DATA
                : c.recorded() == c.calls() ? InspectionItem.PASS : InspectionItem.FAIL;
        return new InspectionItem("C3", "录音电话须为连接电脑的录音电话系统", "recorded by the PBX and indexed by the server",
                status, figures("hotlineCalls", c.calls(), "withRecording", c.recorded(), "indexed", recordings.indexed()),
                "recordings side: " + recordings.source(), List.of(new Evidence("recordings", "/#/recordings?" + range)));
    }

    private InspectionItem c4(RecordingCheck.Coverage c, String range) {
        String status = c.recorded() < c.calls() ? InspectionItem.FAIL
                : !recordings.indexed() ? InspectionItem.UNKNOWN
                : c.calls() == 0 ? InspectionItem.NO_DATA : InspectionItem.PASS;
        return new InspectionItem("C4", "24小时录音", "every call recorded, day and night", status,
                figures("hotlineCalls", c.calls(), "withRecording", c.recorded(), "withoutRecording",
                        c.calls() - c.recorded()),
                recordings.indexed() ? "from the recording index"
                        : "a call without a recording file is a failure; with every call announcing one, the files "
                        + "themselves are unverified until the recording index exists",
                List.of(new Evidence("audit: ledger against recordings", "/#/audit?" + range)));
    }

    private InspectionItem c8(Instant start, Instant end, String range) {
        List<LedgerRow> rows = ledger.createdBetween(start, end).stream().map(LedgerRow::of).toList();
        long withMissing = rows.stream().filter(r -> !r.complete()).count();
        long fields = rows.stream().mapToLong(r -> r.missing().size()).sum();
        String status = rows.isEmpty() ? InspectionItem.NO_DATA
                : withMissing == 0 ? InspectionItem.PASS : InspectionItem.FAIL;
        return new InspectionItem("C8", "应登记内容:单号、时间、房号、姓名、电话、事项、记录人、接单人、接单部门、接单时间",
                "every ticket carries the ten ledger fields", status,
                figures("tickets", rows.size(), "ticketsWithMissing", withMissing, "missingFields", fields), null,
                List.of(new Evidence("ledger export (CSV)", "/api/ledger/export?" + range + "&format=csv"),
                        new Evidence("tickets", "/#/tickets?" + range)));
    }

    private InspectionItem c9(AuditStore.DispatchFigures d, String range) {
        String status = d.phoneTickets() == 0 && d.repairTickets() == 0 ? InspectionItem.NO_DATA
                : d.openedWithinMinute() == d.phoneTickets() && d.repairsDispatched() == d.repairTickets()
                ? InspectionItem.PASS : InspectionItem.FAIL;
        return new InspectionItem("C9", "前台1分钟内登记报修内容于台账上,发出《维修调度单》",
                "ticket registered within a minute of the call, dispatch order issued", status,
                figures("phoneTickets", d.phoneTickets(), "openedWithinMinute", d.openedWithinMinute(),
                        "repairTickets", d.repairTickets(), "repairsDispatched", d.repairsDispatched()),
                "a ticket counts when it was opened no later than a minute after its call started",
                List.of(new Evidence("tickets", "/#/tickets?" + range)));
    }

    private InspectionItem c10(AuditStore.DispatchFigures d, String range) {
        long late = d.arrivedLate() + d.arrivalOverdue() + d.startedLate();
        String status = d.orders() == 0 ? InspectionItem.NO_DATA
                : late == 0 && d.rescheduled() == d.rescheduledWithConsent() ? InspectionItem.PASS : InspectionItem.FAIL;
        return new InspectionItem("C10", "维修人员接指令后5分钟内到达现场;到场后30分钟内开始施工",
                "on site within 5 min of the order, work started within 30 min", status,
                figures("orders", d.orders(), "arrivedOnTime", d.arrivedOnTime(), "arrivedLate", d.arrivedLate(),
                        "arrivalOverdueNow", d.arrivalOverdue(), "startedOnTime", d.startedOnTime(),
                        "startedLate", d.startedLate(), "rescheduled", d.rescheduled(),
                        "rescheduledWithConsent", d.rescheduledWithConsent()),
                "deadlines are the configured deadline.arrive / deadline.start",
                List.of(new Evidence("overdue tickets", "/api/tickets/overdue")));
    }

    private InspectionItem c11(LocalDate from, LocalDate to, String range) {
        LocalDate today = LedgerDays.today(clock, zone);
        LocalDate last = to.isBefore(today) ? to : today.minusDays(1);
        List<DayStatus> days = last.isBefore(from) ? List.of() : audit.days(from, last, zone);
        List<String> unsigned = new ArrayList<>();
        long busy = 0;
        for (DayStatus d : days) {
            if (d.tickets() > 0) {
                busy++;
                if (!d.signed()) {
                    unsigned.add(d.day().toString());
                }
            }
        }
        String status = busy == 0 ? InspectionItem.NO_DATA
                : unsigned.isEmpty() ? InspectionItem.PASS : InspectionItem.FAIL;
        return new InspectionItem("C11", "台账登记详细规范,每日经客服中心负责人审核签字", "ledger signed off every day", status,
                figures("daysBeforeToday", days.size(), "daysWithTickets", busy, "signed", busy - unsigned.size(),
                        "unsignedDays", unsigned),
                "every finished day with tickets must be signed; today is not judged",
                List.of(new Evidence("audit: sign-off", "/#/audit?" + range)));
    }

    private InspectionItem c12(Instant start, Instant end, String range) {
        List<RecordingCheck.TicketRecordings> tickets = recordings.phoneTickets(start, end);
        long noRecording = tickets.stream().filter(t -> t.recordings().isEmpty()).count();
        long unexplained = recordings.withoutTicket(start, end).stream().filter(r -> r.reason() == null).count();
        int orders = audit.orders(start, end);
        List<SampledOrder> sample = audit.sample(start, end);
        long passed = sample.stream().filter(s -> InspectionItem.PASS.equals(s.result())).count();
        long failed = sample.stream().filter(s -> InspectionItem.FAIL.equals(s.result())).count();
        long needed = (long) Math.ceil(orders * SAMPLE_SHARE - 1e-9);
        boolean reviewed = sample.size() >= needed && passed + failed == sample.size();
        String status;
        String note;
        if (failed > 0 || (orders > 0 && !reviewed)) {
            status = InspectionItem.FAIL;
            note = failed > 0 ? "sampled orders marked fail" : "the 60 % sample is not drawn or not fully reviewed";
        } else if (!recordings.indexed()) {
            status = InspectionItem.UNKNOWN;
            note = "no failure found, but the recordings side is read from " + recordings.source();
        } else if (tickets.isEmpty() && orders == 0) {
            status = InspectionItem.NO_DATA;
            note = null;
        } else {
            status = noRecording == 0 && unexplained == 0 ? InspectionItem.PASS : InspectionItem.FAIL;
            note = null;
        }
        return new InspectionItem("C12", "台账、《维修调度单》与录音记录相符 (抽查60%)",
                "ledger and dispatch orders match the recordings (60 % sampled)", status,
                figures("phoneTickets", tickets.size(), "ticketsWithoutRecording", noRecording,
                        "recordingsWithoutTicketOrReason", unexplained, "orders", orders, "sampleNeeded", needed,
                        "sampled", sample.size(), "passed", passed, "failed", failed),
                note, List.of(new Evidence("audit", "/#/audit?" + range),
                        new Evidence("audit data", "/api/audit?" + range)));
    }

    private static InspectionItem unknown(String id, String original, String meaning, String note,
                                          List<Evidence> evidence) {
        return new InspectionItem(id, original, meaning, InspectionItem.UNKNOWN, Map.of(), note, evidence);
    }

    private static Map<String, Object> figures(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
