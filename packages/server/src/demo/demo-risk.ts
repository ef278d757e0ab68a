import type { DiscoveryMethod, FlowStep, ObjectLevel, PowerType, RiskCategory, RiskPointStatus } from '@qingfeng/core';
import type { Executor } from '../db/types.js';
import { draftCommitmentsIn } from '../commitments/commitments.usecases.js';
import { levelled, insertFirstVersion, replaceMeasures } from '../risk-points/risk-points.usecases.js';

// Risk points of the demo district, after the practice of seeds 001, 002 and 004: posts, sections,
// units and leadership teams of the townships and departments, in every state of the workflow, so
// that unit1, town1, paizhu1, cadre1 and the portal each see something.

interface DemoPoint {
  org: string; // org code
  objectLevel: ObjectLevel;
  post?: string; // post name within the org
  leaderMember?: boolean; // the org's principal leader
  title: string;
  category: RiskCategory;
  manifestation: string;
  likelihood: number;
  impact: number;
  discovery: DiscoveryMethod;
  status: RiskPointStatus;
  measures: [string, string, string][]; // content, owner, due
  power?: [string, string]; // power name, step key
}

interface DemoPower {
  org: string;
  name: string;
  type: PowerType;
  legalBasis: string;
  status: 'draft' | 'submitted' | 'filed' | 'published';
  steps: FlowStep[];
}

const step = (key: string, name: string, actor: string, timeLimitDays: number | null, next: string[]): FlowStep => ({ key, name, actor, timeLimitDays, next });

const POWERS: DemoPower[] = [
  {
    org: 'SFQ-T1-U0', name: '惠农补贴资金发放', type: 'benefit', status: 'published',
    legalBasis: '《财政部 农业农村部关于实施惠农补贴“一卡通”管理的指导意见》；《示范区惠农补贴资金管理办法》',
    steps: [
      step('apply', '申请受理', '村（居）委会', 5, ['review']),
      step('review', '村级评议公示', '村民代表会议', 7, ['audit']),
      step('audit', '财政所审核', '财政所会计', 5, ['approve', 'review']),
      step('approve', '所长审批', '财政所所长', 2, ['pay']),
      step('pay', '资金拨付到户', '财政所会计', 3, []),
    ],
  },
  {
    org: 'SFQ-T1-U0', name: '零星工程结算审核', type: 'confirmation', status: 'draft',
    legalBasis: '《示范区政府投资零星工程管理办法》',
    steps: [],
  },
  {
    org: 'SFQ-JYJ', name: '民办学校设立审批', type: 'approval', status: 'submitted',
    legalBasis: '《中华人民共和国民办教育促进法》第十一条至第十八条',
    steps: [
      step('accept', '窗口受理', '政务服务窗口', 1, ['check']),
      step('check', '材料审查与实地核验', '基础教育股', 10, ['decide']),
      step('decide', '局党组集体研究', '局党组', 5, ['notify']),
      step('notify', '作出决定并公开', '办公室', 2, []),
    ],
  },
];

const POINTS: DemoPoint[] = [
  {
    org: 'SFQ-T1-U0', objectLevel: 'post', post: '会计', title: '报账凭证审核把关不严', category: 'business_process',
    manifestation: '对报账凭证、发票审核不严，可能出现虚列支出、重复报销、套取财政资金', likelihood: 3, impact: 40, discovery: 'self_check', status: 'published',
    measures: [['严格执行财务审批制度，5000 元以上支出实行所长、分管领导双签', '财政所所长', '2026-12-31'], ['每月与开户银行对账，账务每季度公开', '会计', '2026-12-31']],
  },
  {
    org: 'SFQ-T1-U0', objectLevel: 'post', post: '会计', title: '惠农补贴资金发放优亲厚友', category: 'post_duties',
    manifestation: '在惠农补贴资金发放中优亲厚友、虚报冒领、截留挪用', likelihood: 6, impact: 40, discovery: 'dept_review', status: 'published',
    measures: [['补贴对象名单村级公示 7 天后发放，资金直达“一卡通”', '会计', '2026-12-31'], ['与民政、人社数据比对补贴对象，发现异常即核查', '财政所纪检负责人', '2027-03-31']],
    power: ['惠农补贴资金发放', 'audit'],
  },
  {
    org: 'SFQ-T1-U0', objectLevel: 'leadership', title: '大额资金使用未经集体研究', category: 'institutional',
    manifestation: '“三重一大”事项中大额资金使用由个人决定，未经所务会集体研究，主要负责人未末位表态', likelihood: 3, impact: 100, discovery: 'leadership_review', status: 'submitted',
    measures: [['修订所务会议事规则，5 万元以上资金使用一律集体研究并留存会议记录', '财政所所长', '2027-01-31']],
    power: ['惠农补贴资金发放', 'approve'],
  },
  {
    org: 'SFQ-T1-U0', objectLevel: 'unit', title: '办公用品政府采购不规范', category: 'business_process',
    manifestation: '拆分采购规避政府采购程序，向指定供应商采购', likelihood: 3, impact: 15, discovery: 'self_check', status: 'draft',
    measures: [['年度采购计划报街道备案，超过限额的一律进入政府采购平台', '财政所所长', '2027-03-31']],
  },
  {
    org: 'SFQ-T1-U0', objectLevel: 'post', post: '纪检负责人', title: '监督执纪“宽松软”', category: 'ideological_moral',
    manifestation: '对身边同事的苗头性问题碍于情面不提醒、不报告', likelihood: 1, impact: 15, discovery: 'self_check', status: 'published',
    measures: [['每季度开展一次廉政谈话，发现问题按规定向街道纪工委报告', '纪检负责人', '2026-12-31']],
  },
  {
    org: 'SFQ-T1-U0', objectLevel: 'leader_member', leaderMember: true, title: '个人有关事项报告不实', category: 'ideological_moral',
    manifestation: '漏报、瞒报本人婚姻变化、房产、投资及配偶子女从业情况', likelihood: 1, impact: 40, discovery: 'leadership_review', status: 'published',
    measures: [['按时如实填报个人有关事项，接受组织抽查核实', '财政所所长', '2027-01-31']],
  },
  {
    org: 'SFQ-T1-U1', objectLevel: 'post', post: '业务岗', title: '选择性执法、吃拿卡要', category: 'post_duties',
    manifestation: '在占道经营、违章搭建执法检查中选择性执法，收受当事人财物', likelihood: 6, impact: 15, discovery: 'cross_check', status: 'approved',
    measures: [['执法全程佩戴执法记录仪，处罚决定集体审核', '综合执法队队长', '2026-12-31']],
  },
  {
    org: 'SFQ-T1-C0', objectLevel: 'post', post: '社区工作者', title: '低保审核优亲厚友', category: 'post_duties',
    manifestation: '低保、临时救助对象审核中优亲厚友、人情保、关系保', likelihood: 6, impact: 40, discovery: 'self_check', status: 'published',
    measures: [['入户调查两人以上共同进行，评议结果张榜公示', '社区党委书记', '2026-12-31']],
  },
  {
    org: 'SFQ-T2-U0', objectLevel: 'post', post: '会计', title: '公款私存、坐支现金', category: 'business_process',
    manifestation: '收取的非税收入未及时上缴，公款私存或坐支', likelihood: 3, impact: 40, discovery: 'self_check', status: 'published',
    measures: [['非税收入当日缴入财政专户，每周核对', '财政所所长', '2026-12-31']],
  },
  {
    org: 'SFQ-JYJ-S2', objectLevel: 'section', title: '教育经费拨付厚此薄彼', category: 'post_duties',
    manifestation: '教育经费预算编制与拨付中厚此薄彼，收受学校好处费', likelihood: 6, impact: 40, discovery: 'dept_review', status: 'submitted',
    measures: [['经费分配方案局党组集体研究，按因素法分配并公开', '计划财务股股长', '2027-01-31']],
  },
  {
    org: 'SFQ-JYJ-S1', objectLevel: 'section', title: '教师招聘与职称评审暗箱操作', category: 'institutional',
    manifestation: '招聘、职称评审中因人设岗、打招呼、泄露考题', likelihood: 3, impact: 40, discovery: 'dept_review', status: 'published',
    measures: [['招聘全程由纪检监察员监督，面试考官随机抽取', '人事股股长', '2026-12-31'], ['评审结果公示 5 个工作日', '人事股股长', '2026-12-31']],
  },
  {
    org: 'SFQ-JYJ', objectLevel: 'leadership', title: '基建项目招投标干预', category: 'institutional',
    manifestation: '校舍建设等项目招投标中领导干部打招呼、干预评标', likelihood: 3, impact: 100, discovery: 'leadership_review', status: 'published',
    measures: [['落实领导干部插手干预工程建设记录报告制度', '局党组书记', '2026-12-31']],
  },
  {
    org: 'SFQ-JYJ-U0', objectLevel: 'post', post: '采购管理员', title: '教辅资料、校服采购收受回扣', category: 'external',
    manifestation: '在教辅资料、校服采购中收受供应商回扣、礼品', likelihood: 6, impact: 15, discovery: 'self_check', status: 'published',
    measures: [['校服采购由家长委员会参与选定，合同网上公开', '校长', '2026-12-31']],
  },
  {
    org: 'SFQ-WJW-U0', objectLevel: 'post', post: '采购管理员', title: '药品耗材采购收受回扣', category: 'external',
    manifestation: '药品、医用耗材采购中收受医药代表回扣', likelihood: 6, impact: 100, discovery: 'cross_check', status: 'published',
    measures: [['药品耗材一律通过省级平台集中采购，医药代表来访登记', '院长', '2026-12-31']],
  },
  {
    org: 'SFQ-SCJGJ-S1', objectLevel: 'section', title: '市场主体登记吃拿卡要', category: 'post_duties',
    manifestation: '登记注册审查中故意刁难、吃拿卡要', likelihood: 3, impact: 15, discovery: 'self_check', status: 'published',
    measures: [['登记业务全程网办，办理时限公开', '登记注册科科长', '2026-12-31']],
  },
];

const STAGES: RiskPointStatus[] = ['draft', 'submitted', 'approved', 'published'];

export async function seedDemoRisk(trx: Executor, now: Date): Promise<number> {
  const office = await trx.selectFrom('orgs').select('id').where('code', '=', 'SFQ-JW-JDS').executeTakeFirstOrThrow();
  await trx.updateTable('risk_settings').set({ supervision_office_org_id: office.id }).where('id', '=', 1).execute();
  const unit1 = await trx.selectFrom('users').select('id').where('username', '=', 'unit1').executeTakeFirst();
  const powerIds = new Map<string, number>();
  for (const w of POWERS) {
    const org = await trx.selectFrom('orgs').select('id').where('code', '=', w.org).executeTakeFirstOrThrow();
    const at = (s: string) => (['submitted', 'filed', 'published'].indexOf(w.status) >= ['submitted', 'filed', 'published'].indexOf(s) ? now : null);
    const { id } = await trx
      .insertInto('powers')
      .values({ org_id: org.id, name: w.name, type: w.type, legal_basis: w.legalBasis, steps: JSON.stringify(w.steps), status: w.status, submitted_at: at('submitted'), filed_at: at('filed'), published_at: at('published'), created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    powerIds.set(w.name, id);
  }
  for (const p of POINTS) {
    const org = await trx.selectFrom('orgs').select('id').where('code', '=', p.org).executeTakeFirstOrThrow();
    const post = p.post ? await trx.selectFrom('posts').select('id').where('org_id', '=', org.id).where('name', '=', p.post).executeTakeFirstOrThrow() : null;
    const leader = p.leaderMember
      ? await trx.selectFrom('people').select('id').where('org_id', '=', org.id).where('is_principal_leader', '=', true).orderBy('id').executeTakeFirstOrThrow()
      : null;
    const level = await levelled(trx, org.id, p.likelihood, p.impact);
    const reached = (s: RiskPointStatus) => STAGES.indexOf(p.status) >= STAGES.indexOf(s);
    const id = await insertFirstVersion(trx, {
      org_id: org.id,
      object_level: p.objectLevel,
      post_id: post?.id ?? null,
      person_id: leader?.id ?? null,
      title: p.title,
      category: p.category,
      manifestation: p.manifestation,
      likelihood: p.likelihood,
      impact: p.impact,
      ...level,
      discovery: p.discovery,
      power_id: p.power ? powerIds.get(p.power[0])! : null,
      power_step_key: p.power?.[1] ?? null,
      status: p.status,
      submitted_by: reached('submitted') && p.org.startsWith('SFQ-T1-U0') ? (unit1?.id ?? null) : null,
      submitted_at: reached('submitted') ? now : null,
      reviewed_at: reached('approved') ? now : null,
      published_at: reached('published') ? now : null,
      created_at: now,
      updated_at: now,
    });
    await replaceMeasures(trx, id, p.measures.map(([content, owner, dueOn]) => ({ content, owner, dueOn })));
    await trx.insertInto('risk_point_events').values({ risk_point_id: id, action: 'create', actor_user_id: null, actor_label: '示范数据', comment: null, at: now }).execute();
  }
  // The 2026 commitments of the cadres of 东城街道财政所, drafted from the points above (unsigned).
  const u0 = await trx.selectFrom('orgs').select('path').where('code', '=', 'SFQ-T1-U0').executeTakeFirstOrThrow();
  await draftCommitmentsIn(trx, u0.path, { year: 2026 }, now);
  return POINTS.length;
}
