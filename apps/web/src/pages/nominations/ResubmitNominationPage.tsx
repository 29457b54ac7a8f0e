import { Alert, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, unwrap } from '../../api/client';
import { QueryState } from '../../components/QueryState';
import { formatDateTime } from '../../format';
import { useUser } from '../../session/SessionContext';
import { NominationEditor } from './NominationEditor';
import { lastReturn, useNomination } from './NominationProgressPage';

/** A returned nomination opened again: 附件3 as sent, the reviewer's opinion above it, then resubmitted. */
export function ResubmitNominationPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const nomination = useNomination(id);
  const n = nomination.data;
  const returned = n && lastReturn(n);
  return (
    <section aria-labelledby="resubmit-title" className="page-narrow">
      <Typography.Title level={3} id="resubmit-title">
        修改推荐申报
      </Typography.Title>
      <QueryState query={nomination}>
        {n && !returned && <Alert type="info" showIcon title={`该申报当前为“${n.statusLabel}”，无需重新提交`} />}
        {n && returned && (
          <>
            <Typography.Paragraph>
              {n.branch.name} · {n.campaignYear}年度
            </Typography.Paragraph>
            <Alert
              type="warning"
              showIcon
              className="nomination-gap"
              title={`${returned.organisationName}（${returned.actorName}）于${formatDateTime(returned.at)}退回修改`}
              description={`审核意见：${returned.opinion}`}
            />
            <NominationEditor
              userId={user.id}
              draftKey={`${n.branch.id}.${n.id}`}
              initial={{ form: n.form }}
              attached={n.attachments.length}
              submitLabel="重新提交"
              confirm="确认按修改后的内容重新提交？"
              send={async (values, key) => {
                await unwrap(api.POST('/nominations/{id}/resubmission', { params: { path: { id }, header: { 'Idempotency-Key': key } }, body: { form: values.form } }));
                return id;
              }}
            />
          </>
        )}
      </QueryState>
    </section>
  );
}
