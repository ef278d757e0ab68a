import type { DocumentBlock } from '../documents/official-document.js';

// 风险防范承诺书 [001]: "每位干部针对所处的岗位，对照相应风险点提示，提出预防措施，签订风险防范承诺书，
// 一式三份，一份个人留存，一份交所在单位，一份报纪检监察部门审核备案。"

export interface CommitmentSource {
  personName: string;
  orgName: string;
  year: number;
  /** A campaign's commitment is titled after the campaign; otherwise the year's. */
  campaignTitle?: string | undefined;
  posts: {
    postName: string;
    points: { title: string; levelName: string; manifestation: string; measures: { content: string; dueOn: string }[] }[];
  }[];
}

/** The text of a cadre's commitment, drafted from the risk points and measures of their posts. */
export function draftCommitment(src: CommitmentSource): { title: string; body: DocumentBlock[] } {
  const body: DocumentBlock[] = [
    {
      kind: 'paragraph',
      text: `本人${src.personName}，现任${src.orgName}${src.posts.map((p) => p.postName).join('、')}。为认真落实党风廉政建设责任制，筑牢拒腐防变防线，本人对照岗位廉政风险点，郑重承诺如下：`,
    },
  ];
  for (const post of src.posts) {
    body.push({ kind: 'heading', level: 1, text: `${post.postName}岗位廉政风险及防范措施` });
    if (post.points.length === 0) body.push({ kind: 'paragraph', text: '本岗位暂无经审核公示的廉政风险点，本人将严格履行岗位职责，自觉接受监督。' });
    for (const point of post.points) {
      body.push({ kind: 'heading', level: 2, text: `${point.title}（${point.levelName}风险）` });
      body.push({ kind: 'paragraph', text: `风险表现：${point.manifestation}` });
      point.measures.forEach((m, i) => body.push({ kind: 'paragraph', text: `防范措施${i + 1}：${m.content}（${m.dueOn}前落实）` }));
    }
  }
  body.push({ kind: 'heading', level: 1, text: '承诺事项' });
  for (const text of [
    '严格遵守党纪国法和廉洁从政各项规定，不以权谋私，不收受可能影响公正执行公务的礼品礼金。',
    '认真落实上述防范措施，主动报告岗位廉政风险变化情况，自觉接受组织和群众监督。',
    '如有违反，自愿接受组织处理。本承诺书一式三份，一份个人留存，一份交所在单位，一份报纪检监察机关备案。',
  ]) {
    body.push({ kind: 'paragraph', text });
  }
  return { title: src.campaignTitle ? `${src.campaignTitle}廉政风险防范承诺书` : `${src.year}年度廉政风险防范承诺书`, body };
}

/** The plain text of a commitment, exactly what is signed and hashed. */
export function commitmentText(title: string, body: readonly DocumentBlock[]): string {
  return [title, ...body.map((b) => (b.kind === 'table' ? [b.header, ...b.rows].map((r) => r.join('\t')).join('\n') : b.text))].join('\n');
}
