"use strict";
// Every text of the workbench in Chinese and English. t("key") picks the user's language (remembered in
// localStorage); a missing key shows the key itself so it is noticed.
window.I18N = {
  zh: {
    app: "热线质检工作台", signin: "登录", signout: "退出", username: "用户名", password: "密码",
    wrong: "用户名或密码错误", limited: "登录失败次数过多，请 {0} 秒后再试", lang: "English",
    dashboard: "总览", calls: "来电", tickets: "工单", recordings: "录音", audit: "审核", inspection: "检查表", users: "用户",
    live: "实时", search: "查询", from: "开始日期", to: "结束日期", caller: "来电号码", extension: "分机",
    ticket: "工单号", room: "房号", grade: "音质", within3: "三声内接听", afterHours: "非工作时间",
    durationMin: "最短时长(秒)", durationMax: "最长时长(秒)", any: "不限", yes: "是", no: "否",
    time: "时间", answeredBy: "接听人", rings: "响铃声数", ringTime: "振铃时长", route: "路由", routedTo: "振铃分机",
    transfers: "转接", hangup: "挂断原因", events: "事件", legs: "通道", recording: "录音", none: "无",
    prev: "上一页", next: "下一页", page: "第 {0} 页", open: "打开", loading: "加载中…", noResults: "没有结果",
    todayCalls: "今日来电", answered: "已接听", share3: "三声内接听率", missed: "未接", breaches: "超时告警",
    overdue: "逾期工单", ringByHour: "各小时振铃时长中位数(秒)", answeredByDay: "每日接听率", lateMin: "逾期(分钟)",
    deadline: "期限", status: "状态", kind: "类型", severity: "严重程度", department: "部门", technician: "维修人员",
    matter: "事项", name: "姓名", phone: "电话", steps: "处理步骤", orders: "派工单", by: "操作人",
    dispatch: "派工", arrived: "已到场", started: "已开工", finished: "已完工", rescheduled: "改约",
    confirmed: "业主确认", followup: "回访", callBack: "回电（先响本机）", cancel: "取消", close: "关闭", reason: "原因", note: "备注",
    satisfied: "满意", skill: "技能", content: "内容", newTime: "新时间", ownerConsent: "业主同意", done: "已完成",
    failed: "失败", recNotAvailable: "本服务器尚未提供录音检索（录音索引尚未安装，见第 5 项）。安装后此页即可使用。",
    duration: "时长", play: "播放", download: "下载", ticketLookup: "按工单号打开",
    ledgerVsRec: "台账与录音核对", ticketsNoRec: "电话工单及其录音", recsNoTicket: "无工单的录音",
    sample: "派工单抽查 (60%)", drawSample: "抽取样本", pass: "合格", fail: "不合格", mark: "结论",
    signOff: "台账每日签字", signed: "已签字", notSigned: "未签字", signNow: "签字", date: "日期",
    item: "检查项", figures: "数据", evidence: "证据", print: "打印", unknown: "无法判定", nodata: "无数据",
    role: "角色", departments: "部门", buildings: "楼栋", active: "启用", create: "新建", save: "保存",
    resetPassword: "重设密码", forbidden: "无权查看", notFound: "未找到", error: "出错",
    recSource: "录音来源", orderId: "派工单", sampled: "抽中", ok: "正常",
    checkedBy: "检查期间", generatedAt: "生成时间", liveAlerts: "实时告警", noAlerts: "暂无告警",
    callTimeline: "来电时间线", callDetails: "来电详情", seconds: "秒",
    player: "播放", waveform: "波形图", clickToSeek: "点击波形图跳转到该位置", noWaveform: "波形图暂不可用",
    audioFailed: "无法播放", state: "状态", access: "录音访问记录", recordingId: "录音编号", action: "操作",
    played: "播放", downloaded: "下载", client: "客户端地址",
    narrowedNote: "仅显示您所负责部门/楼栋的工单与派工单；无工单的录音不在其中。",
    accessRule: "每次播放与下载均有记录：同一会话在 10 分钟内重复播放（含拖动进度）同一录音只记一次；每次从头开始的下载各记一次。"
  },
  en: {
    app: "Hotline quality workbench", signin: "Sign in", signout: "Sign out", username: "User name", password: "Password",
    wrong: "Wrong user name or password", limited: "Too many failed sign-ins; try again in {0} s", lang: "中文",
    dashboard: "Dashboard", calls: "Calls", tickets: "Tickets", recordings: "Recordings", audit: "Audit",
    inspection: "Inspection form", users: "Users", live: "Live", search: "Search", from: "From", to: "To",
    caller: "Caller number", extension: "Extension", ticket: "Ticket no.", room: "Room", grade: "Grade",
    within3: "Within three rings", afterHours: "After hours", durationMin: "Min duration (s)",
    durationMax: "Max duration (s)", any: "Any", yes: "Yes", no: "No", time: "Time", answeredBy: "Answered by",
    rings: "Rings", ringTime: "Ring time", route: "Route", routedTo: "Rang at", transfers: "Transfers",
    hangup: "Hang-up cause", events: "Events", legs: "Channels", recording: "Recording", none: "none",
    prev: "Previous", next: "Next", page: "Page {0}", open: "Open", loading: "Loading…", noResults: "Nothing found",
    todayCalls: "Calls today", answered: "Answered", share3: "Answered within three rings", missed: "Missed",
    breaches: "Ring breaches", overdue: "Overdue tickets", ringByHour: "Median ring time by hour (s)",
    answeredByDay: "Answered share by day", lateMin: "Late (min)", deadline: "Deadline", status: "Status",
    kind: "Kind", severity: "Severity", department: "Department", technician: "Technician", matter: "Matter",
    name: "Name", phone: "Phone", steps: "Steps", orders: "Dispatch orders", by: "By", dispatch: "Dispatch",
    arrived: "Arrived", started: "Started", finished: "Finished", rescheduled: "Reschedule",
    confirmed: "Owner confirmed", followup: "Follow-up", callBack: "Call back (rings your phone first)", cancel: "Cancel", close: "Close", reason: "Reason",
    note: "Note", satisfied: "Satisfied", skill: "Skill", content: "Content", newTime: "New time",
    ownerConsent: "Owner's consent", done: "Done", failed: "Failed",
    recNotAvailable: "Recording search is not available on this server yet (the recording index, issue 5, is not installed). This page works once it is.",
    duration: "Duration", play: "Play", download: "Download", ticketLookup: "Open ticket no.",
    ledgerVsRec: "Ledger against recordings", ticketsNoRec: "Phone tickets and their recordings",
    recsNoTicket: "Recordings without a ticket", sample: "Dispatch order sample (60 %)", drawSample: "Draw sample",
    pass: "Pass", fail: "Fail", mark: "Mark", signOff: "Daily ledger sign-off", signed: "Signed",
    notSigned: "Not signed", signNow: "Sign off", date: "Date", item: "Item", figures: "Figures",
    evidence: "Evidence", print: "Print", unknown: "Unknown", nodata: "No data", role: "Role",
    departments: "Departments", buildings: "Buildings", active: "Active", create: "Create", save: "Save",
    resetPassword: "Reset password", forbidden: "Not allowed", notFound: "Not found", error: "Error",
    recSource: "Recording source", orderId: "Order", sampled: "Sampled", ok: "OK",
    checkedBy: "Period", generatedAt: "Generated", liveAlerts: "Live alerts", noAlerts: "No alerts",
    callTimeline: "Call timeline", callDetails: "Call details", seconds: "s",
    player: "Player", waveform: "Waveform", clickToSeek: "Click the waveform to jump there", noWaveform: "Waveform not available",
    audioFailed: "Cannot play", state: "State", access: "Access log", recordingId: "Recording id", action: "Action",
    played: "Play", downloaded: "Download", client: "Client address",
    narrowedNote: "Only the tickets and dispatch orders of your departments and buildings are shown; recordings without a ticket are not.",
    accessRule: "Every play and download is logged: one play per recording per session per 10 minutes, however often it is replayed or sought; each download from the start counts."
  }
};
window.lang = () => localStorage.getItem("hotline.lang")
  || ((navigator.language || "").toLowerCase().startsWith("zh") ? "zh" : "en");
window.t = (key, ...args) => {
  let s = (I18N[lang()] || I18N.en)[key];
  if (s == null) s = key;
  args.forEach((a, i) => { s = s.replace("{" + i + "}", String(a)); });
  return s;
};
window.toggleLang = () => { localStorage.setItem("hotline.lang", lang() === "zh" ? "en" : "zh"); };
