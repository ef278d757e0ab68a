import type { ClueCreate, DisposalMode, ProblemType } from '@qingfeng/core';
import { attachToClue, assignClue, closeClue, decideDisposal, proposeDisposal, replyToReporter, triageClue } from '../clues/clues.usecases.js';
import { registerClue } from '../clues/clues.intake.js';
import type { Config } from '../config.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { loadActor } from '../policy/actor.js';
import { issueChallenge, solveChallenge } from '../portal/portal.challenges.js';
import { submitReport } from '../portal/portal.reports.usecases.js';

// A lived-in ledger for the demo district: clues from every kind of source over the last four
// months, routed to the centre, 东城街道 and the first dispatched group; some graded, answered and
// closed, some overdue. Built through the same use cases as real work, on a clock set to each day.

type Step =
  | { grade: 1 | 2 | 3 }
  | { route: string; reason: string }
  | { reply: 'acceptance' | 'result' | 'message'; via: 'portal' | 'phone' | 'letter'; body: string }
  | { propose: DisposalMode; note: string; level?: 1 | 2 | 3; transferTo?: string }
  | { approve: true; by?: string }
  | { close: string }
  | { attach: string };

interface DemoClue {
  daysAgo: number;
  by: 'center' | 'station1' | 'town1' | 'paizhu1' | 'portal';
  channel: ClueCreate['channel'];
  problemType: ProblemType;
  content: string;
  subjectOrg?: string;
  subjectPerson?: { org: string; post: string };
  subjectText?: string;
  reporter?: 'anonymous' | { name: string; phone: string };
  /** The handler's steps, by the handler's account (or `by` on a step). */
  handler?: string;
  steps?: Step[];
  sourceDocument?: string;
}

const REPLIED = '您反映的问题已收悉，我委已按规定受理，将依规依纪办理。';

const CLUES: DemoClue[] = [
  { daysAgo: 118, by: 'center', channel: 'audit', problemType: 'illegal_fees', subjectOrg: 'SFQ-T1-U1', content: '区审计局专项审计发现东城街道综合执法队2025年收取占道经营“管理费”12.6万元未纳入财政专户，收费依据不明。', sourceDocument: '示审专〔2026〕7号', handler: 'town1', steps: [{ grade: 2 }, { propose: 'talk_inquiry', note: '对综合执法队队长进行谈话函询，要求说明收费依据和资金去向。' }, { approve: true }, { close: '经函询，收费系沿用旧文件，已全部上缴财政专户并停止收取；对队长提醒谈话。' }] },
  { daysAgo: 110, by: 'station1', channel: 'petition', problemType: 'gifts', subjectText: '东城街道和平社区居委会某工作人员', reporter: { name: '刘建华', phone: '13912340001' }, content: '群众来信反映东城街道和平社区居委会工作人员在办理低保复核时收受红包，每户200至500元不等。', sourceDocument: '示信转〔2026〕031号', steps: [{ route: 'SFQ-T1', reason: '被反映人为东城街道社区工作人员，属东城街道纪工委管辖' }], handler: 'town1' },
  { daysAgo: 104, by: 'paizhu1', channel: 'special_inspection', problemType: 'banqueting', subjectOrg: 'SFQ-JYJ-U0', content: '专项检查发现示范区第一中学2026年春节前以“教研活动”名义在酒店安排公款宴请，费用在培训费中列支。', handler: 'paizhu1', steps: [{ grade: 2 }, { propose: 'preliminary_verification', note: '调取培训费报销凭证，开展初步核实。' }, { approve: true, by: 'center' }] },
  { daysAgo: 97, by: 'center', channel: 'online_opinion', problemType: 'inaction', subjectOrg: 'SFQ-GAJ-S2', content: '网络舆情：有网民发帖称区公安分局交通警察大队窗口办理业务推诿扯皮，群众多次往返仍未办结。', handler: 'center', steps: [{ grade: 1 }, { propose: 'warning', level: 1, note: '建议对交警大队发出一级预警，要求书面说明情况。' }, { approve: true }] },
  { daysAgo: 90, by: 'station1', channel: 'petition', problemType: 'favouritism', subjectText: '南湖镇民政办工作人员', reporter: 'anonymous', content: '匿名信反映南湖镇民政办工作人员为亲属违规办理低保，其亲属家中有车有商铺。', handler: 'center' },
  { daysAgo: 86, by: 'center', channel: 'e_supervision', problemType: 'abuse_of_power', subjectOrg: 'SFQ-ZRZYJ-S2', content: '电子监察系统提示：区自然资源局土地利用科3件建设用地审批超承诺时限20个工作日以上，且均为同一开发企业。', handler: 'center', steps: [{ grade: 2 }] },
  { daysAgo: 80, by: 'town1', channel: 'circuit_inspection', problemType: 'subsidy_fraud', subjectOrg: 'SFQ-T1-C1', content: '巡察发现幸福社区2025年发放的高龄津贴名单中有3名已去世人员，津贴仍在发放。', handler: 'town1', steps: [{ grade: 1 }, { propose: 'conclude', note: '已追回多发津贴并完善名单动态核查机制，予以了结。' }, { approve: true }, { close: '追回多发津贴4,320元，社区建立每月死亡信息比对机制。' }] },
  { daysAgo: 75, by: 'portal', channel: 'online_complaint', problemType: 'extortion', subjectText: '东城街道财政所某工作人员', reporter: { name: '陈晓东', phone: '13812345678' }, content: '本人办理农业补贴申领时，东城街道财政所工作人员暗示需请吃饭才能尽快审核，拖延一个多月未办。', handler: 'center', steps: [{ route: 'SFQ-T1', reason: '涉及东城街道财政所，转东城街道纪工委办理' }] },
  { daysAgo: 70, by: 'center', channel: 'media', problemType: 'illegal_fees', subjectOrg: 'SFQ-WJW-U0', content: '媒体报道区人民医院对住院患者重复收取护理费、检查费，涉及金额较大。', handler: 'paizhu1', steps: [{ grade: 2 }] },
  { daysAgo: 66, by: 'station1', channel: 'petition', problemType: 'benefit_transfer', subjectText: '区住建局建筑市场监管科科长', reporter: { name: '王立强', phone: '13712349876' }, content: '来信反映区住建局建筑市场监管科科长为其亲属控制的企业违规承揽小区改造工程提供便利。', handler: 'center' },
  { daysAgo: 60, by: 'paizhu1', channel: 'questionnaire', problemType: 'inaction', subjectOrg: 'SFQ-RSJ-S1', content: '满意度问卷中多名企业反映区人社局就业促进科办理稳岗补贴审核慢、材料反复退回。', handler: 'paizhu1', steps: [{ grade: 1 }, { propose: 'warning', level: 1, note: '建议发出一级预警，要求就业促进科书面说明并优化流程。' }] },
  { daysAgo: 55, by: 'center', channel: 'court', problemType: 'benefit_transfer', subjectOrg: 'SFQ-JTJ-S1', content: '区法院在审理一起合同纠纷案中发现，区交通运输局工程管理科在工程结算中对施工方多计工程量的情况未予审核。', sourceDocument: '（2026）示民初字第318号', handler: 'center', steps: [{ grade: 3 }, { propose: 'transfer', note: '涉嫌职务违法，移送区监委审查调查部门。', transferTo: '区监委第一审查调查室' }, { approve: true }] },
  { daysAgo: 50, by: 'town1', channel: 'undercover_inspection', problemType: 'inaction', subjectOrg: 'SFQ-T1-U2', content: '暗访发现东城街道社区卫生服务中心工作时间有3名工作人员脱岗，服务窗口无人值守。', handler: 'town1', steps: [{ grade: 1 }] },
  { daysAgo: 45, by: 'station1', channel: 'police', problemType: 'other', subjectText: '北山镇某村干部', content: '公安预警工作站通报：北山镇某村干部涉嫌参与赌博被治安处罚，需核查其是否为党员。', handler: 'center', steps: [{ route: 'SFQ-T4', reason: '属北山镇纪委管辖' }] },
  { daysAgo: 41, by: 'portal', channel: 'online_complaint', problemType: 'gifts', subjectText: '东城街道综合执法队队员', reporter: 'anonymous', content: '东城街道综合执法队个别队员在检查商户时收受商户送的购物卡和红包，商户敢怒不敢言。', handler: 'center', steps: [{ route: 'SFQ-T1', reason: '涉东城街道综合执法队' }] },
  { daysAgo: 38, by: 'center', channel: 'personal_matters', problemType: 'other', subjectOrg: 'SFQ-CZJ-S3', content: '个人有关事项报告抽查核实发现区财政局政府采购管理科一名干部漏报配偶经商情况。', handler: 'center', steps: [{ grade: 1 }, { propose: 'talk_inquiry', note: '由派驻纪检组进行谈话提醒，责令补报。' }, { approve: true }, { close: '已补报并作出书面检查，给予提醒谈话。' }] },
  { daysAgo: 33, by: 'paizhu1', channel: 'case_review', problemType: 'banqueting', subjectOrg: 'SFQ-MZJ-S1', content: '案件检查中发现区民政局社会救助科在慰问活动中超标准购买慰问品，部分慰问品去向不明。', handler: 'paizhu1', steps: [{ grade: 2 }, { propose: 'hold', note: '待区审计局专项审计结果出具后再行核实，暂存待查。' }, { approve: true }] },
  { daysAgo: 28, by: 'station1', channel: 'procuratorate', problemType: 'abuse_of_power', subjectText: '区市场监管局执法稽查大队', content: '检察院预警工作站移送：在办理一起食品安全公益诉讼案件中发现区市场监管局执法稽查大队对同一企业多次违法行为未予处罚。', handler: 'center' },
  { daysAgo: 24, by: 'town1', channel: 'satisfaction_survey', problemType: 'extortion', subjectOrg: 'SFQ-T1-C0', content: '群众满意度测评中，有居民反映和平社区居委会开具证明时要求“意思意思”。', handler: 'town1' },
  { daysAgo: 20, by: 'portal', channel: 'online_complaint', problemType: 'illegal_fees', subjectText: '示范区实验小学', reporter: 'anonymous', content: '示范区实验小学以购买校服和教辅为名向学生统一收费，并有老师暗示不买影响座位安排。', handler: 'center', steps: [{ route: 'SFQ-PZ1', reason: '教育局系统由第一派驻纪检组监督' }] },
  { daysAgo: 16, by: 'center', channel: 'third_party_audit', problemType: 'benefit_transfer', subjectOrg: 'SFQ-FGW', content: '第三方审核发现区发改委投资科在项目评审中多次委托同一家咨询机构，评审费标准高于市场价。', handler: 'center' },
  { daysAgo: 12, by: 'station1', channel: 'petition', problemType: 'gifts', subjectText: '东城街道财政所', reporter: { name: '赵丽萍', phone: '13612340002' }, content: '来访反映东城街道财政所在拨付村级公益事业补助时要求村里送土特产，涉嫌收受礼品。', handler: 'center' },
  { daysAgo: 8, by: 'paizhu1', channel: 'cadre_assessment', problemType: 'inaction', subjectOrg: 'SFQ-TJJ-S1', content: '干部考核中发现区统计局综合统计科对乡镇上报数据的异常情况长期不核查，存在数据失真风险。', handler: 'paizhu1' },
  { daysAgo: 5, by: 'center', channel: 'monitoring_rule', problemType: 'subsidy_fraud', subjectOrg: 'SFQ-T2-C1', content: '数据比对预警：西城街道某社区2026年度临时救助名单中有2人为本社区工作人员直系亲属。', handler: 'center' },
  { daysAgo: 2, by: 'town1', channel: 'petition', problemType: 'banqueting', subjectOrg: 'SFQ-T1-U1', content: '东城街道收到来信反映综合执法队在周末组织聚餐饮酒，费用由辖区企业支付。', handler: 'town1' },
];

export async function seedDemoClues(database: Database, config: Config, now: Date): Promise<number> {
  const { db } = database;
  const clock = { current: now, now() { return new Date(this.current); } };
  const ctx: AppContext = { database, config, clock };
  const users = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const actor = async (username: string) => (await loadActor(db, users.get(username)!))!;
  const orgId = async (code: string) => (await db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const personIn = async (code: string, post: string) =>
    (
      await db
        .selectFrom('people')
        .innerJoin('post_assignments as a', 'a.person_id', 'people.id')
        .innerJoin('posts', 'posts.id', 'a.post_id')
        .innerJoin('orgs', 'orgs.id', 'posts.org_id')
        .select('people.id')
        .where('orgs.code', '=', code)
        .where('posts.name', '=', post)
        .orderBy('people.id')
        .executeTakeFirstOrThrow()
    ).id;
  const day = 86_400_000;
  let count = 0;
  for (const c of [...CLUES].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const at = (k: number) => (clock.current = new Date(now.getTime() - c.daysAgo * day + k * 2 * day));
    at(0);
    const input: ClueCreate = {
      channel: c.channel,
      problemType: c.problemType,
      content: c.content,
      sourceDocument: c.sourceDocument ?? null,
      subjectOrgId: c.subjectOrg ? await orgId(c.subjectOrg) : null,
      subjectPersonId: c.subjectPerson ? await personIn(c.subjectPerson.org, c.subjectPerson.post) : null,
      subjectText: c.subjectText ?? null,
      reporter: c.reporter === undefined ? { kind: 'none' } : c.reporter === 'anonymous' ? { kind: 'anonymous' } : { kind: 'named', identity: { name: c.reporter.name, phone: c.reporter.phone } },
    };
    let id: number;
    if (c.by === 'portal') {
      const ch = await issueChallenge(db, config, clock.now());
      const receipt = await submitReport(ctx, {
        challengeId: ch.id,
        nonce: solveChallenge(ch.id, ch.difficulty),
        reporter: input.reporter.kind === 'named' ? input.reporter : { kind: 'anonymous' },
        subjectText: c.subjectText!,
        problemType: c.problemType,
        content: c.content,
        concernsCommissionPrincipal: false,
      });
      if (receipt.sealed) continue;
      id = (await db.selectFrom('clue_reporters').select('clue_id').where('acceptance_no', '=', receipt.acceptanceNo).executeTakeFirstOrThrow()).clue_id;
    } else {
      const r = await registerClue(ctx, await actor(c.by), input);
      if ('sealed' in r) continue;
      id = r.id;
    }
    count++;
    const handler = await actor(c.handler ?? 'center');
    const centre = await actor('center');
    let k = 1;
    for (const s of c.steps ?? []) {
      at(k++);
      if ('grade' in s) await triageClue(ctx, handler, id, { level: s.grade });
      else if ('route' in s) await assignClue(ctx, centre, id, { handlerOrgId: await orgId(s.route), reason: s.reason });
      else if ('reply' in s) await replyToReporter(ctx, handler, id, { kind: s.reply, via: s.via, body: s.body });
      else if ('propose' in s) await proposeDisposal(ctx, handler, id, { mode: s.propose, note: s.note, level: s.level ?? null, transferTo: s.transferTo ?? null });
      else if ('approve' in s) {
        const d = await db.selectFrom('clue_disposals').select('id').where('clue_id', '=', id).where('decision', '=', 'pending').executeTakeFirstOrThrow();
        await decideDisposal(ctx, await actor(s.by ?? c.handler ?? 'center'), id, d.id, { approve: true });
      } else if ('close' in s) {
        const kind = (await db.selectFrom('clues').select('reporter_kind').where('id', '=', id).executeTakeFirstOrThrow()).reporter_kind;
        if (kind !== 'none') await replyToReporter(ctx, handler, id, { kind: 'result', via: kind === 'named' ? 'letter' : 'portal', body: s.close });
        await closeClue(ctx, handler, id, s.close);
      } else if ('attach' in s) await attachToClue(ctx, handler, id, [{ fileName: '情况说明.txt', mime: 'text/plain; charset=utf-8', bytes: Buffer.from(s.attach) }]);
    }
    // Named reporters of the older clues were told of acceptance in time; the recent ones still wait.
    const named = (await db.selectFrom('clues').select(['reporter_kind', 'ack_done_on']).where('id', '=', id).executeTakeFirstOrThrow());
    if (named.reporter_kind === 'named' && !named.ack_done_on && c.daysAgo > 60) {
      at(3);
      await replyToReporter(ctx, handler, id, { kind: 'acceptance', via: 'phone', body: REPLIED });
    }
  }
  return count;
}
