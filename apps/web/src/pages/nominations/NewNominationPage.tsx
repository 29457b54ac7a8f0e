import { Alert, Form, Select, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { useUser } from '../../session/SessionContext';
import { submitterBranches } from './branches';
import { NominationEditor } from './NominationEditor';

/** 新建推荐申报: a branch secretary fills in 附件3 and sends it into review. */
export function NewNominationPage() {
  const user = useUser();
  const branches = submitterBranches(user);
  const [branchId, setBranchId] = useState(branches[0]?.id);
  const thisYear = new Date().getFullYear();
  const branch = branches.find((b) => b.id === branchId);
  return (
    <section aria-labelledby="new-nomination-title" className="page-narrow">
      <Typography.Title level={3} id="new-nomination-title">
        新建推荐申报
      </Typography.Title>
      <Typography.Paragraph type="secondary">推荐审批表（附件3）。填写内容自动保存为草稿，关闭页面后回来可继续填写。</Typography.Paragraph>
      {!branch ? (
        <Alert type="warning" showIcon title="您不是党支部的申报人，不能在此新建推荐申报" />
      ) : (
        <NominationEditor
          key={branch.id}
          userId={user.id}
          draftKey={branch.id}
          initial={{ campaignYear: thisYear, form: { secretaryName: '', secretaryPhone: '', basicSituation: '', mainDeeds: '', honours: [] } }}
          submitLabel="提交申报"
          confirm="确认提交推荐申报？提交后由基层党委审核。"
          send={async (values, key) => {
            const created = await unwrap(
              api.POST('/nominations', { params: { header: { 'Idempotency-Key': key } }, body: { branchId: branch.id, campaignYear: values.campaignYear, form: values.form } }),
            );
            return created.id;
          }}
          before={
            <>
              {branches.length > 1 && (
                <Form.Item label="申报党支部">
                  <Select value={branchId} onChange={setBranchId} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
                </Form.Item>
              )}
              {branches.length === 1 && (
                <Form.Item label="申报党支部">
                  <Typography.Text strong>{branch.name}</Typography.Text>
                </Form.Item>
              )}
              <Form.Item name="campaignYear" label="评选年度" rules={[{ required: true, message: '请选择评选年度' }]}>
                <Select options={[thisYear, thisYear + 1].map((y) => ({ value: y, label: `${y}年度` }))} className="year-select" />
              </Form.Item>
            </>
          }
        />
      )}
    </section>
  );
}
