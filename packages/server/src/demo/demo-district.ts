import { idNumberCheckChar, type OrgKind, type TalkClass } from '@qingfeng/core';

// The demo district (示范区): a fictional district large enough to feel real. Deterministic, so
// that tests, screenshots and the README can name its orgs and people.

export interface DemoOrg {
  key: string;
  parentKey: string | null;
  name: string;
  kind: OrgKind;
  code: string;
  supervises?: string[];
}

export interface DemoPost {
  orgKey: string;
  name: string;
  isLeadership: boolean;
  holders: DemoPerson[];
}

export interface DemoPerson {
  key?: string;
  name: string;
  idNumber: string;
  phone: string;
  talkClass: TalkClass;
  isLeadershipMember: boolean;
  isPrincipalLeader: boolean;
}

export interface DemoAccount {
  username: string;
  displayName: string;
  roleCode: string;
  orgKey: string;
  personKey?: string;
  note: string;
}

export const DEMO_PASSWORD = 'Demo@12345';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海波宁燕鹏辉斌宇浩凯欣怡晨雪梅琳晓东亮林峰丹云飞婷颖佳慧瑞博';

/** mulberry32: a tiny deterministic generator, so every start builds the same district. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DEPARTMENTS: [string, string, string[], string[]][] = [
  // [code, name, sections, subordinate units]
  ['jyj', '区教育局', ['办公室', '人事股', '计划财务股', '基础教育股'], ['示范区第一中学', '示范区实验小学', '示范区职业中专']],
  ['wjw', '区卫生健康委员会', ['办公室', '医政医管科', '财务科', '疾病预防控制科'], ['区人民医院', '区中医医院']],
  ['scjgj', '区市场监督管理局', ['办公室', '登记注册科', '食品安全监管科', '执法稽查大队'], []],
  ['zrzyj', '区自然资源局', ['办公室', '国土空间规划科', '土地利用科', '不动产登记中心'], []],
  ['zjj', '区住房和城乡建设局', ['办公室', '建筑市场监管科', '房地产管理科', '质量安全监督站'], []],
  ['czj', '区财政局', ['办公室', '预算科', '国库科', '政府采购管理科'], []],
  ['fgw', '区发展和改革委员会', ['办公室', '投资科', '价格科'], []],
  ['mzj', '区民政局', ['办公室', '社会救助科', '养老服务科'], []],
  ['rsj', '区人力资源和社会保障局', ['办公室', '就业促进科', '社会保险科'], []],
  ['nyj', '区农业农村局', ['办公室', '农村经济科', '农业执法大队'], []],
  ['slj', '区水务局', ['办公室', '工程建设科', '水政监察大队'], []],
  ['jtj', '区交通运输局', ['办公室', '工程管理科', '运输管理科'], []],
  ['sthjj', '区生态环境分局', ['办公室', '环境执法大队', '环评科'], []],
  ['swj', '区商务局', ['办公室', '市场运行科'], []],
  ['yjglj', '区应急管理局', ['办公室', '安全生产执法大队'], []],
  ['tjj', '区统计局', ['办公室', '综合统计科'], []],
  ['xfj', '区信访局', ['办公室', '接访科', '督查科'], []],
  ['sjj', '区审计局', ['办公室', '财政审计科', '经济责任审计科'], []],
  ['gaj', '区公安分局', ['办公室', '治安管理大队', '交通警察大队'], []],
  ['jcy', '区人民检察院', ['办公室', '第一检察部'], []],
  ['fy', '区人民法院', ['办公室', '立案庭', '执行局'], []],
];

const WORKSTATIONS: [string, string][] = [
  ['xfj', '信访'],
  ['sjj', '审计'],
  ['gaj', '公安'],
  ['jcy', '检察院'],
  ['fy', '法院'],
];

const TOWNSHIPS = ['东城街道', '西城街道', '南湖镇', '北山镇', '临河乡'];
const COMMUNITY_NAMES = ['和平', '幸福', '光明', '新华', '振兴', '团结', '建设', '友谊'];
const TOWN_UNITS = ['财政所', '综合执法队', '社区卫生服务中心'];

// Who supervises which department: three dispatched groups, each a set that is not a subtree.
const GROUPS: [string, string, string[]][] = [
  ['pz1', '区纪委监委第一派驻纪检组', ['jyj', 'wjw', 'mzj', 'rsj', 'tjj']],
  ['pz2', '区纪委监委第二派驻纪检组', ['scjgj', 'zrzyj', 'zjj', 'czj', 'fgw', 'sjj']],
  ['pz3', '区纪委监委第三派驻纪检组', ['nyj', 'slj', 'jtj', 'sthjj', 'swj', 'yjglj', 'xfj']],
];

export interface DemoDistrict {
  orgs: DemoOrg[];
  posts: DemoPost[];
  accounts: DemoAccount[];
}

export function buildDemoDistrict(): DemoDistrict {
  const rand = rng(20261123);
  const pick = <T>(xs: readonly T[] | string): T => xs[Math.floor(rand() * xs.length)] as T;
  const usedIds = new Set<string>();
  let seq = 0;

  const person = (talkClass: TalkClass, leadership: boolean, principal: boolean, key?: string): DemoPerson => {
    let idNumber: string;
    do {
      const y = 1965 + Math.floor(rand() * 34);
      const m = 1 + Math.floor(rand() * 12);
      const d = 1 + Math.floor(rand() * 28);
      const body = `120106${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${String(Math.floor(rand() * 1000)).padStart(3, '0')}`;
      idNumber = body + idNumberCheckChar(body);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);
    seq++;
    const name = pick<string>(SURNAMES) + pick<string>(GIVEN) + (rand() < 0.6 ? pick<string>(GIVEN) : '');
    return {
      ...(key ? { key } : {}),
      name,
      idNumber,
      phone: `139${String(10_000_000 + seq * 7919).slice(-8)}`,
      talkClass,
      isLeadershipMember: leadership,
      isPrincipalLeader: principal,
    };
  };

  const orgs: DemoOrg[] = [];
  const posts: DemoPost[] = [];
  const org = (o: DemoOrg) => (orgs.push(o), o.key);
  const post = (orgKey: string, name: string, kind: 'principal' | 'leader' | 'staff', count = 1, keys: string[] = []) => {
    const holders = Array.from({ length: count }, (_, i) =>
      kind === 'principal' ? person('A', true, true, keys[i]) : kind === 'leader' ? person('B', true, false, keys[i]) : person('C', false, false, keys[i]),
    );
    posts.push({ orgKey, name, isLeadership: kind !== 'staff', holders });
  };

  // The district commission, its offices and the warning centre.
  const root = org({ key: 'root', parentKey: null, name: '示范区纪委监委', kind: 'commission', code: 'SFQ-JW' });
  post(root, '书记', 'principal');
  post(root, '副书记', 'leader', 2);
  post(root, '常委', 'leader', 3);
  for (const [code, name] of [
    ['bgs', '办公室'],
    ['center', '预警信息中心'],
    ['jds', '党风政风监督室'],
    ['xfs', '信访室'],
    ['sls', '案件审理室'],
  ] as const) {
    const k = org({ key: code, parentKey: root, name, kind: 'section', code: `SFQ-JW-${code.toUpperCase()}` });
    post(k, '主任', 'leader');
    post(k, '科员', 'staff', 2);
  }
  for (const [key, name, supervises] of GROUPS) {
    const k = org({ key, parentKey: root, name, kind: 'dispatched_group', code: `SFQ-${key.toUpperCase()}`, supervises });
    post(k, '组长', 'leader');
    post(k, '副组长', 'leader');
    post(k, '监督员', 'staff', 2);
  }

  // District departments with their sections, subordinate units and workstations.
  for (const [code, name, sections, units] of DEPARTMENTS) {
    const dept = org({ key: code, parentKey: root, name, kind: 'unit', code: `SFQ-${code.toUpperCase()}` });
    post(dept, '党组书记、局长', 'principal');
    post(dept, '副局长', 'leader', 2);
    post(dept, '纪检监察员', 'staff');
    sections.forEach((s, i) => {
      const k = org({ key: `${code}-s${i}`, parentKey: dept, name: s, kind: 'section', code: `SFQ-${code.toUpperCase()}-S${i}` });
      post(k, s.endsWith('大队') || s.endsWith('中心') || s.endsWith('站') ? '负责人' : '股（科）长', 'staff');
      post(k, '工作人员', 'staff', s === '办公室' ? 1 : 2);
    });
    units.forEach((u, i) => {
      const k = org({ key: `${code}-u${i}`, parentKey: dept, name: u, kind: 'unit', code: `SFQ-${code.toUpperCase()}-U${i}` });
      post(k, u.includes('医院') ? '院长' : '校长', 'principal');
      post(k, '副职', 'leader');
      post(k, '财务人员', 'staff');
      post(k, '采购管理员', 'staff');
    });
    const ws = WORKSTATIONS.find(([c]) => c === code);
    if (ws) {
      const k = org({ key: `ws-${code}`, parentKey: dept, name: `${ws[1]}预警工作站`, kind: 'workstation', code: `SFQ-WS-${code.toUpperCase()}` });
      post(k, '信息员', 'staff');
    }
  }

  // Townships: a discipline committee over its offices, grassroots units and communities.
  TOWNSHIPS.forEach((t, ti) => {
    const town = org({ key: `t${ti + 1}`, parentKey: root, name: `${t}纪（工）委`, kind: 'township_commission', code: `SFQ-T${ti + 1}` });
    post(town, '纪（工）委书记', 'leader');
    post(town, '纪检干事', 'staff');
    const office = org({ key: `t${ti + 1}-office`, parentKey: town, name: `${t}党政办公室`, kind: 'section', code: `SFQ-T${ti + 1}-BGS` });
    post(office, '主任', 'leader');
    post(office, '工作人员', 'staff');
    TOWN_UNITS.forEach((u, ui) => {
      const k = org({ key: `t${ti + 1}-u${ui}`, parentKey: town, name: `${t}${u}`, kind: 'unit', code: `SFQ-T${ti + 1}-U${ui}` });
      post(k, '所（队、中心）长', 'principal', 1);
      post(k, '纪检负责人', 'staff', 1, ti === 0 && ui === 0 ? ['unit1'] : []);
      post(k, u === '财政所' ? '会计' : '业务岗', 'staff', 2, ti === 0 && ui === 0 ? ['cadre1'] : []);
    });
    for (let c = 0; c < 4; c++) {
      const cname = `${COMMUNITY_NAMES[(ti * 3 + c) % COMMUNITY_NAMES.length]}社区`;
      const k = org({ key: `t${ti + 1}-c${c}`, parentKey: town, name: `${t}${cname}居委会`, kind: 'unit', code: `SFQ-T${ti + 1}-C${c}` });
      post(k, '党委书记、主任', 'principal');
      post(k, '社区工作者', 'staff', 2);
      const rp = org({ key: `t${ti + 1}-c${c}-rp`, parentKey: k, name: `${cname}信息报送点`, kind: 'reporting_point', code: `SFQ-T${ti + 1}-C${c}-RP` });
      post(rp, '专报员', 'staff');
    }
  });

  const accounts: DemoAccount[] = [
    { username: 'admin', displayName: '系统管理员', roleCode: 'sysadmin', orgKey: 'root', note: '系统管理员（首次登录须绑定动态验证码）' },
    { username: 'center', displayName: '预警信息中心', roleCode: 'center', orgKey: 'center', note: '区纪委预警信息中心：全区' },
    { username: 'center2', displayName: '预警信息中心主任', roleCode: 'center', orgKey: 'center', note: '区纪委预警信息中心主任：全区（通报须由编写人以外的人审批发布）' },
    { username: 'paizhu1', displayName: '第一派驻纪检组', roleCode: 'dispatched_group', orgKey: 'pz1', note: '第一派驻纪检组：仅其监督的教育局、卫健委等单位' },
    { username: 'town1', displayName: '东城街道纪工委', roleCode: 'township', orgKey: 't1', note: '东城街道纪（工）委：仅本街道' },
    { username: 'unit1', displayName: '东城街道财政所纪检负责人', roleCode: 'unit_officer', orgKey: 't1-u0', personKey: 'unit1', note: '东城街道财政所纪检负责人：仅本单位' },
    { username: 'cadre1', displayName: '东城街道财政所会计', roleCode: 'cadre', orgKey: 't1-u0', personKey: 'cadre1', note: '党员干部：仅本人' },
    { username: 'station1', displayName: '信访预警工作站', roleCode: 'workstation', orgKey: 'ws-xfj', note: '区信访局预警工作站' },
    { username: 'leader1', displayName: '区主要领导', roleCode: 'leader', orgKey: 'root', note: '区党政主要领导：只读' },
  ];
  return { orgs, posts, accounts };
}
