// Dictionaries of the warning-clue ledger (预警信息台账): channels, problem types, disposal modes,
// statuses. Codes are stable (stored in the database); labels are what people read.

/** DOMAIN.md · Clue: the channels through which warning information arrives [000, 003]. */
export const CLUE_CHANNELS = {
  petition: '信访举报',
  audit: '审计',
  police: '公安',
  procuratorate: '检察院',
  court: '法院',
  special_inspection: '专项检查',
  undercover_inspection: '暗访督察',
  circuit_inspection: '巡察',
  case_review: '案件检查',
  online_complaint: '网上投诉',
  satisfaction_survey: '满意度测评',
  e_supervision: '电子监察',
  online_opinion: '网络舆情',
  cadre_assessment: '干部考核',
  personal_matters: '个人有关事项报告',
  questionnaire: '问卷调查',
  media: '媒体',
  third_party_audit: '第三方审核/内审',
  monitoring_rule: '智能预警规则',
} as const;
export type ClueChannel = keyof typeof CLUE_CHANNELS;
export const CLUE_CHANNEL_CODES = Object.keys(CLUE_CHANNELS) as [ClueChannel, ...ClueChannel[]];

/** Problem types (问题类别) named by the issue and seed 003. */
export const PROBLEM_TYPES = {
  illegal_fees: '违规收费',
  extortion: '吃拿卡要',
  banqueting: '违规吃喝',
  gifts: '收受红包礼金',
  inaction: '不作为、慢作为、乱作为',
  abuse_of_power: '违规用权',
  benefit_transfer: '利益输送',
  favouritism: '优亲厚友',
  subsidy_fraud: '虚报冒领补助资金',
  other: '其他',
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;
export const PROBLEM_TYPE_CODES = Object.keys(PROBLEM_TYPES) as [ProblemType, ...ProblemType[]];

/**
 * Disposal modes (处置方式): issue a warning, the four standard modes for problem clues (监督执纪工作
 * 规则), transfer to another body, merge with another clue.
 */
export const DISPOSAL_MODES = {
  warning: '发出预警',
  talk_inquiry: '谈话函询',
  preliminary_verification: '初步核实',
  hold: '暂存待查',
  conclude: '予以了结',
  transfer: '线索移送',
  merge: '并案处理',
} as const;
export type DisposalMode = keyof typeof DISPOSAL_MODES;
export const DISPOSAL_MODE_CODES = Object.keys(DISPOSAL_MODES) as [DisposalMode, ...DisposalMode[]];

export const CLUE_STATUSES = {
  registered: '待处置',
  pending_approval: '处置待审批',
  disposing: '处置中',
  closed: '已办结',
  merged: '已并案',
} as const;
export type ClueStatus = keyof typeof CLUE_STATUSES;
export const CLUE_STATUS_CODES = Object.keys(CLUE_STATUSES) as [ClueStatus, ...ClueStatus[]];

/** The level a clue suggests, in the warning levels of DOMAIN.md (一级 mildest … 三级 severest). */
export const CLUE_LEVELS = { 1: '一级', 2: '二级', 3: '三级' } as const;
export type ClueLevel = 1 | 2 | 3;

export const REPORTER_KINDS = { none: '无举报人（工作中发现）', anonymous: '匿名', named: '实名' } as const;
export type ReporterKind = keyof typeof REPORTER_KINDS;

/** What a reply to the reporter says: acceptance (受理告知), result (办理结果), or another message. */
export const REPLY_KINDS = { acceptance: '受理告知', result: '结果反馈', message: '沟通留言' } as const;
export type ReplyKind = keyof typeof REPLY_KINDS;

/** How a reply reached the reporter. Portal replies are read with the query code. */
export const REPLY_VIAS = { portal: '网上查询', phone: '电话', letter: '书面', in_person: '当面', sms: '短信' } as const;
export type ReplyVia = keyof typeof REPLY_VIAS;

/** Who handles a clue, by the routing rule (or by hand). */
export const HANDLER_ROUTES = { township: '乡镇（街道）纪委', group: '派驻纪检组', centre: '区纪委预警信息中心', manual: '人工分办' } as const;
export type HandlerRoute = keyof typeof HANDLER_ROUTES;

export const DEFAULT_LEDGER_TEMPLATE = '示纪预〔{year}〕{seq:4}号';
export const PORTAL_ACCEPTANCE_TEMPLATE = 'WS{year}{seq:6}';
