import { addCalendarDays, todayIn, type Actor } from '@qingfeng/core';
import { createBulletin, approveBulletin, submitBulletin } from '../bulletins/bulletins.usecases.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { createReport } from '../leadership-reports/leadership-reports.usecases.js';
import { loadActor } from '../policy/actor.js';
import { sweepOverdue } from './warnings.sweep.js';
import { acknowledgeWarning, answerWarning, backRegisterWarning, issueWarning, reviewWarning } from './warnings.usecases.js';

// The demo district's warnings, so that `npm start` shows the mechanism at work: a notice waiting
// for cadre1's signature, a unit's chain escalated for inadequate rectification and awaiting
// review, a level-3 warning with its admonishment talk, a closed one, and paper warnings entered
// late that the sweep escalated ("逾期未整改，自动升级") or referred for accountability; a published
// bulletin and a leadership report. Built through the use cases, at dates before `now`, so every
// step has its notice, number and audit entry.
export async function seedDemoWarnings(database: Database, now: Date): Promise<void> {
  const today = todayIn(now);
  const day = (offset: number) => new Date(`${addCalendarDays(today, offset)}T10:00:00+08:00`);
  const at = (offset: number): AppContext => ({ database, config: loadConfig({}), clock: { now: () => day(offset) } });
  const db = database.db;
  const users = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const actor = async (username: string): Promise<Actor> => (await loadActor(db, users.get(username)!))!;
  const org = async (code: string) => (await db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const personIn = async (code: string, post: string) =>
    (await db.selectFrom('people').innerJoin('post_assignments as a', 'a.person_id', 'people.id').innerJoin('posts', 'posts.id', 'a.post_id').innerJoin('orgs', 'orgs.id', 'posts.org_id').select('people.id').where('orgs.code', '=', code).where('posts.name', '=', post).orderBy('people.id').executeTakeFirstOrThrow()).id;
  const [center, center2, town1, unit1, cadre1] = await Promise.all(['center', 'center2', 'town1', 'unit1', 'cadre1'].map(actor)) as [Actor, Actor, Actor, Actor, Actor];

  const cadre1Person = (await db.selectFrom('users').select('person_id').where('username', '=', 'cadre1').executeTakeFirstOrThrow()).person_id!;

  // A warning answered and accepted.
  const closed = await issueWarning(at(-30), center, {
    subjectKind: 'person', subjectPersonId: cadre1Person, level: 1,
    facts: '在工作群内转发未经核实的征地补偿信息，造成不良影响。',
    basis: '网络舆情监测发现。', disposalMeasures: ['提醒'],
  });
  await acknowledgeWarning(at(-29), cadre1, closed);
  await answerWarning(at(-26), cadre1, closed, { explanation: '已撤回相关信息并在群内澄清，今后严守工作纪律。' }, []);
  await reviewWarning(at(-25), center, closed, { verdict: 'accepted', comment: '整改到位。' });

  // A unit's chain: level 1 answered inadequately → level 2, answered, waiting for town1's review.
  const t1u0 = await org('SFQ-T1-U0');
  const chain = await issueWarning(at(-21), town1, {
    subjectKind: 'org', subjectOrgId: t1u0, level: 1,
    facts: '财政所2026年第三季度惠民补贴资金发放台账不完整，部分发放记录无领取人签字。',
    basis: '街道纪工委日常监督检查发现。', disposalMeasures: ['限期整改'],
  });
  await acknowledgeWarning(at(-20), unit1, chain);
  await answerWarning(at(-18), unit1, chain, { explanation: '经自查，系经办人员交接不清所致，已补齐签字。' }, []);
  const level2 = await reviewWarning(at(-17), town1, chain, { verdict: 'inadequate', comment: '未说明制度层面的原因，也未提出防止再次发生的措施。' });
  await acknowledgeWarning(at(-16), unit1, level2!);
  await answerWarning(at(-10), unit1, level2!, {
    explanation: '补贴发放台账缺签字共17条，均已补齐。',
    causes: '发放流程缺少复核环节，经办与复核由同一人承担。',
    measures: '建立经办、复核、审批三岗分离制度；每月由纪检负责人抽查台账。',
    report: '已完成全部整改，相关制度已印发执行。',
  }, []);

  // A level-3 warning to a department, its admonishment talk scheduled.
  const zjj = await issueWarning(at(-3), center, {
    subjectKind: 'org', subjectOrgId: await org('SFQ-ZJJ'), level: 3,
    facts: '区住房和城乡建设局在老旧小区改造项目招标中，连续三次由同一代理机构代理，且未按规定集体研究决定。',
    basis: '区审计局移送审计发现问题。', disposalMeasures: ['对责任领导诫勉谈话', '限期整改'],
  });
  await db.updateTable('warnings').set({ talk_scheduled_on: addCalendarDays(today, 2), talk_place: '区纪委监委谈话室', talk_by: '区纪委副书记' }).where('id', '=', zjj).execute();

  // A level-2 warning to a teacher (the first dispatched group's reach).
  await issueWarning(at(-2), center, {
    subjectKind: 'person', subjectPersonId: await personIn('SFQ-JYJ-U0', '财务人员'), level: 2,
    facts: '在学校食堂食材采购中，未经询价直接向其亲属经营的商户采购，累计金额4.2万元。',
    basis: '第一派驻纪检组专项检查发现。', disposalMeasures: ['批评教育', '信访约谈'],
  });

  // cadre1: a level-1 notice issued today, waiting for the signature.
  await issueWarning(at(0), center, {
    subjectKind: 'person', subjectPersonId: cadre1Person, level: 1,
    facts: '2026年第三季度报销差旅费时，将私人行程的交通费用一并列支，金额356元。',
    basis: '信访举报反映，经初步核实属实。', clueId: null, disposalMeasures: ['提醒'],
  });

  // Paper warnings entered late (补录): the sweep escalates one and refers the other.
  await backRegisterWarning(at(-1), center, {
    subjectKind: 'org', subjectOrgId: await org('SFQ-T2-U0'), level: 1, serialNo: '示纪预〔2026〕纸字3号',
    issuedOn: addCalendarDays(today, -40), deadline: addCalendarDays(today, -30),
    facts: '西城街道财政所未按规定公开2026年上半年财政资金使用情况。', basis: '纸质台账补录。', disposalMeasures: ['限期整改'],
  });
  await backRegisterWarning(at(-1), center, {
    subjectKind: 'org', subjectOrgId: await org('SFQ-T4-U1'), level: 3, serialNo: '示纪改〔2026〕纸字1号',
    issuedOn: addCalendarDays(today, -60), deadline: addCalendarDays(today, -35), acknowledgedOn: addCalendarDays(today, -58),
    facts: '北山镇综合执法队罚没款未及时上缴，经二级预警后仍未整改。', basis: '纸质台账补录。', disposalMeasures: ['对责任领导诫勉谈话', '限期整改'],
  });
  await sweepOverdue(database, now);

  // The public and the leaders: a bulletin approved by a second person, a thematic report.
  const bulletin = await createBulletin(at(-1), center, {
    title: '关于近期廉情预警典型问题的通报', intro: '为进一步严明纪律、警示教育，现将近期廉情预警中发现的典型问题通报如下。', redaction: 'redacted', warningIds: [closed, chain],
  });
  await submitBulletin(at(-1), center, bulletin);
  await approveBulletin(at(0), center2, bulletin);
  await createReport(at(0), center, {
    kind: 'thematic_report', title: '关于惠民资金和工程招标领域廉政风险的专题报告', periodFrom: `${today.slice(0, 4)}-01-01`, periodTo: today,
    summary: '今年以来，全区共发出廉情预警若干件，问题集中在惠民资金发放和工程招标两个领域。\n部分单位整改不到位，已依规升级预警。',
    recommendations: '建议在全区开展惠民资金专项治理；对工程招标代理机构选取实行随机抽取。', warningIds: [chain, zjj],
  });
}
