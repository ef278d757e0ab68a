import { addCalendarDays, isWorkingDay, todayIn, type Actor } from '@qingfeng/core';
import { decide } from '../accountability-decisions/accountability.usecases.js';
import { confirmResult, createScheme, scoreResult } from '../assessments/assessments.usecases.js';
import { loadCalendar } from '../calendar/calendar.repository.js';
import { loadConfig } from '../config.js';
import type { AppContext } from '../context.js';
import type { Database } from '../db/database.js';
import { approveOpinion, draftOpinion, submitOpinion } from '../integrity-opinions/opinions.usecases.js';
import { checkMatter, submitMatter } from '../personal-matters/personal-matters.usecases.js';
import { loadActor } from '../policy/actor.js';
import { createPlan, generateSchedule } from '../talk-plans/talk-plans.usecases.js';
import { recordPlannedTalk } from '../talks/talks.usecases.js';
import { backRegisterWarning } from '../warnings/warnings.usecases.js';
import { completeTask, confirmRun, publishRun } from './evaluations.usecases.js';

// The demo district's ratings, talks, assessments, accountability and archives, so that `npm start`
// shows them at work: paper warnings of the two previous years (entered late, 补录), the rating of
// the year before last confirmed and published with its consequences followed up, last year's
// ratings waiting for the centre to preview and confirm (cadre1 has a level-2 warning in it), a
// graded-talk plan of 西城街道 for this year with most due talks held, three years of township
// assessments where one unit stays last (the bottom-ranking rule finds it), personal-matter reports,
// accountability decisions (一案双查) and two opinion replies. Built through the use cases at dates
// before `now`, so every record has its number and audit entry. Deterministic.
export async function seedDemoRatings(database: Database, now: Date): Promise<void> {
  const year = Number(todayIn(now).slice(0, 4));
  const at = (iso: string): AppContext => ({ database, config: loadConfig({}), clock: { now: () => new Date(`${iso}T10:00:00+08:00`) } });
  const db = database.db;
  const users = new Map((await db.selectFrom('users').select(['id', 'username']).execute()).map((u) => [u.username, u.id]));
  const actor = async (username: string): Promise<Actor> => (await loadActor(db, users.get(username)!))!;
  const [center, center2, town1] = (await Promise.all(['center', 'center2', 'town1'].map(actor))) as [Actor, Actor, Actor];
  const org = async (code: string) => (await db.selectFrom('orgs').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const personIn = async (code: string, post: string, nth = 0) =>
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
        .offset(nth)
        .limit(1)
        .executeTakeFirstOrThrow()
    ).id;
  const cadre1 = (await db.selectFrom('users').select('person_id').where('username', '=', 'cadre1').executeTakeFirstOrThrow()).person_id!;
  const y1 = year - 1;
  const y2 = year - 2;

  // Paper warnings of the two previous years, entered late and already closed as rectified.
  let paper = 10;
  const back = async (y: number, level: 1 | 2 | 3, subject: { personId: number } | { orgId: number }, issued: string, facts: string, measures: string[]) => {
    paper++;
    const issuedOn = `${y}-${issued}`;
    await backRegisterWarning(at(`${y + 1}-01-08`), center, {
      ...('personId' in subject ? { subjectKind: 'person' as const, subjectPersonId: subject.personId } : { subjectKind: 'org' as const, subjectOrgId: subject.orgId }),
      level,
      serialNo: `示纪预〔${y}〕纸字${paper}号`,
      issuedOn,
      deadline: addCalendarDays(issuedOn, 14),
      acknowledgedOn: addCalendarDays(issuedOn, 1),
      closedOn: addCalendarDays(issuedOn, 20),
      facts,
      basis: '纸质预警台账补录。',
      disposalMeasures: measures,
    });
  };
  const t1u1 = await org('SFQ-T1-U1');
  await back(y2, 1, { personId: cadre1 }, '04-12', '报销凭证审核不严，个别发票抬头与报销单位不符即予报销。', ['提醒']);
  await back(y2, 2, { orgId: t1u1 }, '06-03', '东城街道综合执法队罚没款票据管理混乱，存在先收款后补开票据的情况。', ['纪检建议书', '限期整改']);
  await back(y2, 1, { personId: await personIn('SFQ-JYJ-U0', '采购管理员') }, '09-17', '教辅资料征订未按规定公示。', ['提醒']);
  await back(y1, 1, { personId: cadre1 }, '02-26', '未按规定时限办理惠民补贴资金拨付手续，群众多次催办。', ['提醒']);
  await back(y1, 2, { personId: cadre1 }, '07-09', '经办惠民补贴发放时，未核对领取人身份即代为签领，一级预警后整改不到位。', ['批评教育']);
  await back(y1, 1, { orgId: await org('SFQ-ZJJ') }, '05-20', '区住房和城乡建设局工程变更签证审批未留存集体研究记录。', ['限期整改']);
  await back(y1, 1, { personId: await personIn('SFQ-T2-U0', '会计') }, '10-14', '财务印鉴与票据由一人保管。', ['提醒']);

  // The year before last: confirmed, published, its consequences followed up.
  const runId = await confirmRun(at(`${y2 + 1}-01-15`), center, y2);
  await publishRun(at(`${y2 + 1}-01-16`), center, runId);
  const tasks = await db.selectFrom('evaluation_tasks').select(['id', 'kind', 'talk_id', 'result_id']).where('run_id', '=', runId).orderBy('id').execute();
  const notes: Record<string, string> = {
    filing: '已由区纪委备案',
    notify_org_dept: `已函告区委组织部（示纪函〔${y2 + 1}〕3号）`,
    award_disqualification: '已将取消评先评优资格名单报送区委组织部',
    district_bulletin: '已在全区通报',
  };
  for (const k of tasks.filter((x) => x.kind in notes)) await completeTask(at(`${y2 + 1}-02-20`), center, k.id, notes[k.kind]!);
  for (const k of tasks.filter((x) => x.talk_id !== null)) {
    const talk = await db.selectFrom('talks').select(['talker_person_id', 'kind']).where('id', '=', k.talk_id!).executeTakeFirstOrThrow();
    await recordPlannedTalk(at(`${y2 + 1}-02-25`), center, k.talk_id!, {
      heldOn: `${y2 + 1}-02-25`,
      talkerPersonId: talk.talker_person_id!,
      location: '区纪委监委谈话室',
      points: talk.kind === 'collective' ? '通报考评结果，剖析问题成因，提出整改要求。' : '指出考评为“中”的原因，要求严格执行财务制度，按期整改。',
      commitments: '深刻反思，立行立改。',
      participantIds: [],
    });
  }
  const accountabilityTask = tasks.find((x) => x.kind === 'accountability')!;
  const behaviour = async (code: string) => (await db.selectFrom('accountability_behaviours').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  await decide(at(`${y2 + 1}-03-10`), center, {
    decidedOn: `${y2 + 1}-03-10`,
    decisionMaker: '中共示范区纪委常委会',
    caseFacts: `东城街道综合执法队${y2}年度廉情预警考评为“差”：罚没款票据管理混乱，二级预警后方才整改。按照“一岗双责”要求，对经办人员和主要负责人予以问责。`,
    sourceKind: 'rating',
    sourceId: accountabilityTask.id,
    people: [
      { personId: await personIn('SFQ-T1-U1', '业务岗'), role: 'violator', behaviourId: await behaviour('S06'), form: 'admonish_remind' },
      { personId: await personIn('SFQ-T1-U1', '所（队、中心）长'), role: 'principal_leader', behaviourId: await behaviour('H08'), form: 'admonish_supervise' },
    ],
  });
  await decide(at(`${y1}-11-20`), center, {
    decidedOn: `${y1}-11-20`,
    decisionMaker: '中共示范区纪委',
    caseFacts: '西城街道财政所会计办理拨付手续长期拖延，经提醒仍未改正；所长对其监督不严。',
    sourceKind: 'manual',
    people: [
      { personId: await personIn('SFQ-T2-U0', '会计'), role: 'violator', behaviourId: await behaviour('S02'), form: 'circulated_criticism' },
      { personId: await personIn('SFQ-T2-U0', '所（队、中心）长'), role: 'principal_leader', behaviourId: await behaviour('H01'), form: 'admonish_remind' },
    ],
  });

  // This year's graded talks in 西城街道: planned in January, most talks due so far held.
  const t2 = await org('SFQ-T2');
  const planCtx = at(`${year}-01-05`);
  const planId = await createPlan(planCtx, center, { year, orgId: t2, name: `西城街道${year}年度廉政谈话计划`, timesA: 1, timesB: 2, timesC: 4 });
  await generateSchedule(planCtx, center, planId);
  const today = todayIn(now);
  const due = await db.selectFrom('talks').select(['id', 'due_on', 'talker_person_id', 'subject_person_id']).where('plan_id', '=', planId).where('due_on', '<', today).orderBy('due_on').orderBy('id').execute();
  for (const [i, talk] of due.entries()) {
    if (i % 7 === 3) continue; // a few left undone: they show as overdue
    const heldOn = addCalendarDays(talk.due_on!, -6);
    await recordPlannedTalk(at(heldOn), center, talk.id, {
      heldOn,
      talkerPersonId: talk.talker_person_id!,
      location: '西城街道纪工委谈话室',
      points: '学习岗位廉政风险点及防控措施，对照查找本人在履职中的薄弱环节。',
      commitments: '严格落实防控措施，按时报告个人有关事项。',
      participantIds: [],
    });
  }

  // Township assessments of three years: 北山镇财政所 last each time (the bottom-ranking rule finds it).
  // Last year's were confirmed this week: its two 不及格 units have their level-2 warnings open.
  const cal = await loadCalendar(db);
  let lastWeek = addCalendarDays(todayIn(now), -2);
  while (!isWorkingDay(cal, lastWeek)) lastWeek = addCalendarDays(lastWeek, -1);
  const units = await db.selectFrom('orgs').select(['id', 'code']).where('code', 'like', 'SFQ-T_-U_').where('kind', '=', 'unit').orderBy('code').execute();
  for (const [k, y] of [year - 3, y2, y1].entries()) {
    const ctx = at(`${y}-12-10`);
    const schemeId = await createScheme(ctx, center, {
      year: y,
      name: `${y}年度乡镇（街道）站所廉政风险防控管理考核`,
      orgId: await org('SFQ-JW'),
      thresholds: { excellent: 90, good: 80, pass: 60 },
      indicators: [
        { name: '风险排查与防控措施落实', weight: 40, description: '查阅一览表、台账' },
        { name: '制度建设与执行', weight: 35, description: '听取汇报、座谈、查阅资料' },
        { name: '廉政教育与谈话', weight: 25, description: '民主测评、问卷调查' },
      ],
      orgIds: units.map((u) => u.id),
    });
    const indicators = await db.selectFrom('assessment_indicators').select('id').where('scheme_id', '=', schemeId).orderBy('position').execute();
    const results = await db.selectFrom('assessment_results').select(['id', 'org_id']).where('scheme_id', '=', schemeId).execute();
    for (const r of results) {
      const code = units.find((u) => u.id === r.org_id)!.code;
      const n = units.findIndex((u) => u.id === r.org_id);
      const base = code === 'SFQ-T4-U0' ? (y === y1 ? 54 : 60 + k) : code === 'SFQ-T1-U0' && y === y1 ? 58 : 70 + ((n * 7 + k * 5) % 25);
      await scoreResult(ctx, center, r.id, { scores: indicators.map((ind, j) => ({ indicatorId: ind.id, score: Math.min(100, base + j * 2) })) });
      await confirmResult(at(y === y1 ? lastWeek : `${y + 1}-01-12`), center, r.id);
    }
  }

  // Personal-matter reports of 东城街道财政所 for last year; two checked.
  const office = await db.selectFrom('people').select('id').where('org_id', '=', await org('SFQ-T1-U0')).where('retired_at', 'is', null).orderBy('id').execute();
  for (const [i, p] of office.entries()) {
    const id = await submitMatter(at(`${y1}-03-${String(10 + i).padStart(2, '0')}`), town1, { personId: p.id, year: y1, kind: 'annual', submittedOn: `${y1}-03-${String(10 + i).padStart(2, '0')}`, matters: '本人婚姻、因私出国（境）、房产、投资及配偶子女从业情况' });
    if (i === 2 || i === 3) {
      await checkMatter(at(`${y1}-06-18`), town1, id, {
        checkMethod: 'random',
        checkedOn: `${y1}-06-18`,
        finding: i === 3 ? 'minor_omission' : 'accurate',
        findingNote: i === 3 ? '漏报配偶名下一处房产，情节较轻，已补报。' : '与核查结果一致。',
      });
    }
  }

  // Two replies to the organisation department: one approved by a second person, one in draft.
  const request = (personIds: number[], ref: string) => ({
    requester: '中共示范区委组织部',
    requestRef: ref,
    requestedOn: addCalendarDays(today, -5),
    purpose: '拟提拔任用',
    periodStart: `${year - 3}-01-01`,
    periodEnd: addCalendarDays(today, -5),
    personIds,
  });
  const approved = await draftOpinion(at(addCalendarDays(today, -4)), center, request([await personIn('SFQ-T2-U0', '所（队、中心）长'), await personIn('SFQ-CZJ', '副局长')], `示组函〔${year}〕31号`));
  await submitOpinion(at(addCalendarDays(today, -4)), center, approved);
  await approveOpinion(at(addCalendarDays(today, -3)), center2, approved, '同意回复。');
  await draftOpinion(at(addCalendarDays(today, -1)), center, request([await personIn('SFQ-JYJ', '副局长')], `示组函〔${year}〕35号`));
}
