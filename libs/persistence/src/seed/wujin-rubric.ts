import type { Rubric } from '../../../domain/src';

/**
 * 武进区党支部规范化建设考核细则 (seed 004, 2016): four areas, 28 items. The
 * document declares 10/30/30/30 points per area; its activity items add up to
 * 32, kept here as written (`declaredPoints` keeps the declared figure).
 */
export const WUJIN_RUBRIC: Rubric = {
  code: 'wujin-branch-standardisation',
  version: 1,
  name: '武进区党支部规范化建设考核细则',
  passThreshold: 85,
  requiresCleanNotice: true,
  vetoItems: [
    { code: 'secretary_vacant', text: '党支部书记缺职' },
    { code: 'discipline_sanction', text: '党支部书记受党内警告以上处分，或支委班子成员受党内严重警告以上处分' },
    { code: 'funds_missing', text: '未落实党建工作专项经费' },
  ],
  areas: [
    {
      code: 'A',
      name: '组织设置合理',
      declaredPoints: 10,
      items: [
        { code: 'A1', requirement: '组织健全', standard: '党支部职数设置合理。', points: 2 },
        { code: 'A2', requirement: '组织健全', standard: '党小组划分合理。', points: 2 },
        { code: 'A3', requirement: '班子过硬', standard: '党支部班子搭配科学，分工明确。', points: 3 },
        { code: 'A4', requirement: '按期换届', standard: '党支部按期换届，委员出缺及时补选。', points: 3 },
      ],
    },
    {
      code: 'B',
      name: '党员管理规范',
      declaredPoints: 30,
      items: [
        { code: 'B1', requirement: '发展党员规范', standard: '发展党员符合优化党员队伍年龄、知识、职业结构的要求。', points: 3 },
        { code: 'B2', requirement: '发展党员规范', standard: '每年制定工作计划，对入党积极分子开展教育培训、谈心谈话等形式的培养考察。', points: 3 },
        { code: 'B3', requirement: '发展党员规范', standard: '发展党员工作程序规范、材料齐全。', points: 3 },
        { code: 'B4', requirement: '党员教育规范', standard: '每年制定支部学习计划、党员个人学习计划，督促党员记好学习笔记。', points: 3 },
        { code: 'B5', requirement: '党员教育规范', standard: '教育内容坚持以理想信念教育为主，并结合实际提升党员业务、文化等综合素质。', points: 3 },
        { code: 'B6', requirement: '党员教育规范', standard: '注重运用互联网信息技术等手段探索更加多样化的教育形式，提升吸引力和感染力。', points: 3 },
        {
          code: 'B7',
          requirement: '党员管理规范',
          standard: '规范党员组织关系管理，做好党组织关系网上接转工作，定期对党员基本情况进行维护更新，做好年度党内统计工作，摸清流动党员底数，理顺“空挂党员”隶属关系，稳妥处理“失联”党员。',
          points: 3,
        },
        { code: 'B8', requirement: '党员管理规范', standard: '落实对违法违纪党代表和党员的排查清理。', points: 3 },
        { code: 'B9', requirement: '党员管理规范', standard: '规范党费收缴工作，党费基数一年一核定，提醒党员主动、按时、足额交纳党费。', points: 3 },
        { code: 'B10', requirement: '党员评议规范', standard: '每年以党支部为单位开展一次民主评议党员工作，为党员评定等次。', points: 3 },
      ],
    },
    {
      code: 'C',
      name: '活动开展有序',
      declaredPoints: 30,
      items: [
        { code: 'C1', requirement: '落实“三会一课”制度', standard: '每三个月召开一次支部党员大会，内容形式、到会人数符合要求。', points: 2 },
        { code: 'C2', requirement: '落实“三会一课”制度', standard: '每月召开一次支委会，内容形式、到会人数符合要求。', points: 6 },
        { code: 'C3', requirement: '落实“三会一课”制度', standard: '每月召开一次党小组会，内容形式、到会人数符合要求。', points: 6 },
        { code: 'C4', requirement: '落实“三会一课”制度', standard: '每三个月上一次党课，内容形式、到会人数符合要求。', points: 2 },
        { code: 'C5', requirement: '落实组织生活会制度', standard: '每半年召开一次党支部或党小组组织生活会，会议内容、流程符合要求。', points: 8 },
        { code: 'C6', requirement: '落实联系服务群众制度', standard: '党支部要根据自身实际确定一项联系服务群众制度，结合群众需求、创新服务载体、整合各方资源、切实发挥作用。', points: 8 },
      ],
    },
    {
      code: 'D',
      name: '保障措施到位',
      declaredPoints: 30,
      items: [
        { code: 'D1', requirement: '强化阵地建设', standard: '每个党支部确保有固定的活动阵地。', points: 3 },
        { code: 'D2', requirement: '强化阵地建设', standard: '阵地设施完善，未有党支部标识，阵地布置、设施不完善的酌情扣分。', points: 3 },
        { code: 'D3', requirement: '落实经费保障', standard: '按照要求落实党建工作专项经费。', points: 3 },
        { code: 'D4', requirement: '落实经费保障', standard: '党建工作经费用于党支部建设的各项工作，未被挪用占用。', points: 3 },
        { code: 'D5', requirement: '落实经费保障', standard: '党建工作经费设专户管理，合理规划、收支平衡、账目明晰。', points: 3 },
        {
          code: 'D6',
          requirement: '规范台账管理',
          standard: '做好党员信息台帐。维护更新《党员基本情况登记表》；记录党员参加教育培训、奖惩等情况；记录党员党费缴纳情况；记录党员发展情况；记录建国前老党员和困难党员情况。',
          points: 5,
        },
        { code: 'D7', requirement: '规范台账管理', standard: '做好党组织生活台帐。图文结合记录“三会一课”等党组织生活开展情况，反映党员活动的时间、地点、活动方式、参加人员和活动内容。', points: 5 },
        { code: 'D8', requirement: '规范台账管理', standard: '做好党员联系服务群众台帐。图文结合记录开展党员联系和服务群众工作历次的实施计划、方案和成效。', points: 5 },
      ],
    },
  ],
};
