import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, InputNumber, Select, Space } from 'antd';
import { FORM_RULES, HONOUR_LEVEL_LABELS, HONOUR_RULES, LIMITS } from './form-rules';
import type { HonourLevel } from './types';

const LEVEL_OPTIONS = (Object.keys(HONOUR_LEVEL_LABELS) as HonourLevel[]).map((value) => ({ value, label: HONOUR_LEVEL_LABELS[value] }));

/** The fields of 附件3 (推荐审批表), under `form` as the API takes them. */
export function NominationFields() {
  return (
    <>
      <Form.Item name={['form', 'secretaryName']} label="支部书记姓名" rules={FORM_RULES.secretaryName}>
        <Input maxLength={50} autoComplete="name" />
      </Form.Item>
      <Form.Item name={['form', 'secretaryPhone']} label="联系电话" rules={FORM_RULES.secretaryPhone} extra="手机号，或带区号的固定电话">
        <Input inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item name={['form', 'basicSituation']} label="基本情况" rules={FORM_RULES.basicSituation} extra="党员人数、支部班子、组织生活等">
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} showCount maxLength={LIMITS.basicSituation} />
      </Form.Item>
      <Form.Item label="所获荣誉" extra={`最多${LIMITS.honours}项；近年来的省级以上奖励可重点推荐`}>
        <Form.List name={['form', 'honours']}>
          {(fields, { add, remove }) => (
            <Space orientation="vertical" className="full-width">
              {fields.map((field, i) => (
                <Card size="small" key={field.key} title={`荣誉 ${i + 1}`} extra={<Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除荣誉 ${i + 1}`} onClick={() => remove(field.name)} />}>
                  <Form.Item name={[field.name, 'title']} label="荣誉名称" rules={HONOUR_RULES.title}>
                    <Input maxLength={LIMITS.honourTitle} />
                  </Form.Item>
                  <Space wrap>
                    <Form.Item name={[field.name, 'level']} label="级别" rules={HONOUR_RULES.level}>
                      <Select options={LEVEL_OPTIONS} className="honour-level" placeholder="请选择" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'year']} label="获得年份" rules={HONOUR_RULES.year}>
                      <InputNumber min={LIMITS.minYear} max={LIMITS.maxYear} precision={0} />
                    </Form.Item>
                  </Space>
                </Card>
              ))}
              {fields.length < LIMITS.honours && (
                <Button icon={<PlusOutlined />} onClick={() => add({ title: '', year: new Date().getFullYear() })}>
                  添加荣誉
                </Button>
              )}
            </Space>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item name={['form', 'mainDeeds']} label="主要事迹" rules={FORM_RULES.mainDeeds}>
        <Input.TextArea autoSize={{ minRows: 6, maxRows: 20 }} showCount maxLength={LIMITS.mainDeeds} />
      </Form.Item>
    </>
  );
}
