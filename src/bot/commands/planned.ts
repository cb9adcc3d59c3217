/**
 * Words of the regime that people will type before the capability behind them exists. They get a card
 * saying what is coming instead of "没有听懂". A word leaves this list by itself once a module claims it.
 */
export interface PlannedCommand {
  words: readonly string[];
  title: string;
  what: string;
}

export const PLANNED_COMMANDS: readonly PlannedCommand[] = [
  {
    words: ['我的承诺', '承诺', 'my pledge', 'pledge'],
    title: '我的承诺（一诺）',
    what: '起草承诺卡、提交审核、亮诺，逐项兑现销号',
  },
  { words: ['台账', '台帐', 'ledger'], title: '承诺台账', what: '查看支部和党员的承诺事项与兑现情况' },
  { words: ['记实', 'record'], title: '每月记实', what: '每月公开记录做了什么，在组织生活会上说践诺' },
  { words: ['评定', 'rating'], title: '上评下议', what: '支部每月评定党员，结果公开' },
  { words: ['点评', 'comment'], title: '领导点评', what: '领导对联系支部和党员的点评，整改跟踪到办结' },
  { words: ['评议', 'survey'], title: '群众评议', what: '每半年一次满意度测评，结果公布' },
  { words: ['评选', 'selection'], title: '七一评选', what: '推荐、投票、表彰优秀党员' },
  { words: ['通报', 'briefing'], title: '督促通报', what: '践诺情况通报和公开摘要' },
  { words: ['导出', 'export'], title: '导出', what: '导出台账、评定、记实和评议结果' },
];
