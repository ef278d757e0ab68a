import { WARNING_LEVEL_LABELS, type WarningLevel } from '@qingfeng/core';

export interface BulletinItem {
  level: number;
  issuedOn: string;
  facts: string;
  personName: string | null;
  orgName: string;
  status: string;
}

/** 王芳 → 王某 (a two-character surname such as 欧阳 is kept whole). */
export function redactName(name: string): string {
  const compound = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '尉迟', '公孙', '慕容', '令狐', '夏侯', '长孙'];
  const surname = compound.find((c) => name.startsWith(c)) ?? name.slice(0, 1);
  return `${surname}某`;
}

const OUTCOME: Record<string, string> = { closed: '已整改到位', escalated: '因整改不到位已升级预警', referred: '已移送问责' };

/**
 * The text of a bulletin (通报) as the public reads it: the intro, then one numbered paragraph per
 * warning. With `redacted`, a person's name becomes 王某 — in the heading and wherever the facts
 * repeat it. Units are named: a bulletin is about where the problem lies.
 */
export function composeBulletin(intro: string, redaction: 'redacted' | 'named', items: BulletinItem[]): string {
  const lines = items.map((w, i) => {
    const name = w.personName ? (redaction === 'redacted' ? redactName(w.personName) : w.personName) : null;
    const facts = w.personName && redaction === 'redacted' ? w.facts.split(w.personName).join(name!) : w.facts;
    const who = name ? `${w.orgName}${name}` : w.orgName;
    const outcome = OUTCOME[w.status] ?? '正在整改';
    return `${i + 1}. ${who}：${facts}${facts.endsWith('。') ? '' : '。'}${w.issuedOn.slice(0, 4)}年${Number(w.issuedOn.slice(5, 7))}月被给予${WARNING_LEVEL_LABELS[w.level as WarningLevel]}，${outcome}。`;
  });
  return [intro, ...lines].join('\n');
}
