import type { DomainFailureCode } from '../../domain/src';

/** How the API answers one error code: its HTTP status and the Chinese message used when no more specific one is given. */
export interface ErrorSpec {
  status: number;
  message: string;
}

/**
 * The API's whole error vocabulary, each code listed once. Workflows and
 * activities raise the domain codes (libs/domain DOMAIN_FAILURE_CODES) as
 * failure types; everything else is raised by the API itself. The OpenAPI
 * document and the web client read the same table.
 */
export const ERRORS = {
  // 400: the request itself is malformed
  BAD_REQUEST: { status: 400, message: '请求格式不正确' },
  VALIDATION_FAILED: { status: 400, message: '请求参数校验未通过' },
  INVALID_IDEMPOTENCY_KEY: { status: 400, message: 'Idempotency-Key 须为8至100位字母、数字或 ._:- 字符' },
  INVALID_UPLOAD: { status: 400, message: '上传内容不正确：请以 multipart/form-data 提交一个名为 file 的文件' },
  FILE_REQUIRED: { status: 400, message: '请选择要上传的文件（multipart/form-data 表单字段 file），文件不能为空' },
  INVALID_OBJECTION: { status: 400, message: '异议内容不能为空' },
  // 401
  UNAUTHENTICATED: { status: 401, message: '未登录或登录已失效，请重新登录' },
  LOGIN_FAILED: { status: 401, message: '用户名或密码错误' },
  // 403: visible, but not the caller's to act on
  FORBIDDEN: { status: 403, message: '无权执行此操作' },
  NOT_ASSIGNEE: { status: 403, message: '您不是该任务的办理人' },
  NOT_SUBMITTER: { status: 403, message: '只有提交人可以撤回' },
  // 404: absent, or outside the caller's subtree (the two are never told apart)
  NOT_FOUND: { status: 404, message: '请求的资源不存在' },
  UNKNOWN_ITEM: { status: 404, message: '公示名单中没有该对象' },
  // 405
  METHOD_NOT_ALLOWED: { status: 405, message: '不支持该请求方法' },
  // 409: the state of things does not allow it (now)
  DUPLICATE_NOMINATION: { status: 409, message: '该党支部本年度已有推荐申报，不能重复提交' },
  NOT_RESUBMITTABLE: { status: 409, message: '只有被退回修改的推荐申报才能重新提交' },
  TASK_NOT_OPEN: { status: 409, message: '该任务已处理或不存在，无法重复办理' },
  ALREADY_ACTED: { status: 409, message: '已有人办理，不能再撤回' },
  ALREADY_FINISHED: { status: 409, message: '该事项已办结，无法再操作' },
  NOTICE_CLOSED: { status: 409, message: '公示期已结束，不再受理异议' },
  ITEM_REMOVED: { status: 409, message: '该对象已因异议成立被移出名单' },
  DUPLICATE_OBJECTION: { status: 409, message: '该异议已受理' },
  CONSULTATION_CLOSED: { status: 409, message: '征求意见已结束，不再受理答复' },
  DUPLICATE_CAMPAIGN: { status: 409, message: '该年度已有该评选活动' },
  CAMPAIGN_NOT_DRAFT: { status: 409, message: '只有草稿状态的评选活动可以启动' },
  CAMPAIGN_NOT_STARTED: { status: 409, message: '评选活动尚未启动' },
  CAMPAIGN_FINISHED: { status: 409, message: '评选活动已结束' },
  NOT_EDITABLE: { status: 409, message: '推荐申报已审核办结，不能再上传或删除附件' },
  TOO_MANY_ATTACHMENTS: { status: 409, message: '附件数量已达上限，请先删除不需要的附件' },
  DUPLICATE_VETO_ITEM: { status: 409, message: '该一票否决情形已存在' },
  RUBRIC_VERSION_CONFLICT: { status: 409, message: '考核细则刚被他人修改，请刷新后重试' },
  PLAN_NOT_RUNNING: { status: 409, message: '该计划不在进行中，不能办理此事项' },
  RE_ELECTION_NOT_DUE: { status: 409, message: '该党支部在本计划年度内没有待完成的换届' },
  RE_ELECTION_DELAY_PENDING: { status: 409, message: '该党支部已有待审批的延期换届申请' },
  DUPLICATE_COPY: { status: 409, message: '已抄送给该对象，不能重复抄送' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, message: '使用相同 Idempotency-Key 的请求正在处理，请稍后重试' },
  // 413, 415
  PAYLOAD_TOO_LARGE: { status: 413, message: '请求内容过大' },
  ATTACHMENT_TOO_LARGE: { status: 413, message: '附件过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, message: '请求内容类型不受支持，请使用 application/json' },
  ATTACHMENT_TYPE: { status: 415, message: '附件类型不受支持' },
  // 422: well-formed, but a rule refuses it
  INVALID_DECISION: { status: 422, message: '办理结论不正确或缺少必填意见' },
  INVALID_ACTION: { status: 422, message: '该任务当前不支持此操作' },
  INVALID_FORM_DATA: { status: 422, message: '表单内容不符合要求' },
  INVALID_SCORES: { status: 422, message: '评分不符合评分细则' },
  INVALID_EVIDENCE: { status: 422, message: '佐证材料不符合要求' },
  SELECTION_RULE_VIOLATED: { status: 422, message: '不符合差额遴选规则' },
  DEADLINE_PASSED: { status: 422, message: '已超过办理期限，须经管理员延期' },
  APPLICATION_NOT_OPEN: { status: 422, message: '推荐申报尚未开始受理' },
  CALENDAR_YEAR_MISSING: { status: 422, message: '该年度的节假日安排尚未录入，无法按工作日计算期限' },
  ROUTE_UNRESOLVABLE: { status: 422, message: '无法按组织树确定办理单位' },
  DATA_REJECTED: { status: 422, message: '提交的内容无法保存，请检查后重新填写' },
  NOT_A_BRANCH: { status: 422, message: '只能为党支部提交推荐申报' },
  NO_REVIEWER: { status: 422, message: '该党支部上级没有可审核的党委' },
  UNSUPPORTED_ACTION: { status: 422, message: '该任务不支持此操作，请在对应事项中办理' },
  STAGE_UNKNOWN: { status: 422, message: '该评选活动没有此阶段' },
  PLAN_INVALID: { status: 422, message: '评选活动的时间安排不可行' },
  QUOTA_EXCEEDS_CAP: { status: 422, message: '名额超过各级先进比例上限所能容纳的数量' },
  LEDGER_GRADE_REQUIRED: { status: 422, message: '该党支部尚未建立台账，首次登记须填写当前等次（grade）' },
  ADVANCED_CAP: { status: 422, message: '各级党委的先进党支部原则上不超过所辖党支部总数的10%' },
  BRANCH_INELIGIBLE: { status: 422, message: '评选资格规则：台账等次为后进或软弱涣散的党支部，整改经验收、重新评定等次之前不能申报或推荐' },
  A_GRADE_CAP: { status: 422, message: '首次定级“A”的党支部数不超过总数的10%' },
  DATE_OUTSIDE_YEAR: { status: 422, message: '日期不属于该年度' },
  DATE_REPEATED: { status: 422, message: '日期重复' },
  DATE_RANGE_REVERSED: { status: 422, message: '起始时间须早于截止时间' },
  GOAL_YEAR_REPEATED: { status: 422, message: '创建目标的年度不能重复' },
  INVALID_VETO_ITEM: { status: 422, message: '一票否决情形的编码或内容不符合要求' },
  INVALID_LIANGSHAN_LIST: { status: 422, message: '责任清单不符合要求（编号、月份、日期或记录类型）' },
  RE_ELECTION_DATE_INVALID: { status: 422, message: '延期换届的日期不符合要求（不早于今天、晚于任期届满日、延期不超过一年）' },
  INVALID_OPINION_PHRASES: { status: 422, message: '常用意见不符合要求：每类结论最多20条，每条1至100个字，不能重复' },
  INVALID_NOTIFICATION_SETTINGS: { status: 422, message: '通知设置不符合要求：邮箱格式、渠道不能重复、选用电子邮件须填写邮箱、免打扰起止不能相同' },
  INVALID_COPY_TARGET: { status: 422, message: '抄送对象不存在或不在您的管辖范围内' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, message: '该 Idempotency-Key 已用于内容不同的请求，请为新请求使用新的键' },
  // 429
  TOO_MANY_REQUESTS: { status: 429, message: '请求过于频繁，请稍后再试' },
  LOGIN_LOCKED: { status: 429, message: '登录失败次数过多，该账号已暂时锁定，请稍后再试' },
  LOGIN_ADDRESS_LOCKED: { status: 429, message: '此网络地址登录失败次数过多，已暂时限制登录，请稍后再试' },
  LOGIN_CONCURRENCY_LIMITED: { status: 429, message: '此网络地址同时进行的登录过多，请稍后再试' },
  // 500
  INTERNAL: { status: 500, message: '服务器内部错误，请稍后再试' },
  ATTACHMENT_MISSING: { status: 500, message: '附件文件已丢失，请联系管理员' },
  // 503: try again later (with the same Idempotency-Key)
  SERVICE_UNAVAILABLE: { status: 503, message: '服务暂时不可用，请稍后再试' },
  PRINTING_UNAVAILABLE: { status: 503, message: '服务器未安装中文字体（fonts-noto-cjk），暂时无法生成PDF；请联系管理员安装，或先下载Excel表格' },
  LOGIN_BUSY: { status: 503, message: '登录请求过多，服务器繁忙，请稍后再试' },
  DATABASE_UNAVAILABLE: { status: 503, message: '数据库暂时不可用，请稍后重试；重试时请携带相同的 Idempotency-Key' },
  WORKFLOW_BUSY: { status: 503, message: '流程引擎暂未响应，请稍后刷新查看结果；如未生效，可携带相同的 Idempotency-Key 重试' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

/** Fails to compile when a failure the engine can raise has no HTTP answer. */
const everyDomainFailureAnswered: Record<DomainFailureCode, ErrorSpec> = ERRORS;
void everyDomainFailureAnswered;

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERRORS, code);
}

/** The codes answered with one status, for documenting an operation's responses. */
export function codesWithStatus(status: number): ErrorCode[] {
  return (Object.keys(ERRORS) as ErrorCode[]).filter((c) => ERRORS[c].status === status);
}
