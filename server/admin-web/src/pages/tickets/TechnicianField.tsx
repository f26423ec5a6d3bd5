import type { IServiceCategory, ITechnicianProfile } from '@app/shared';
import { Alert, Checkbox, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { describeError } from '../../api/api-error';
import { listTechnicians, technicianWorkload } from '../../api/technicians';
import { useAsync } from '../../lib/use-async';
import { techFits } from './categories';
import { rankTechnicians, type ActionFormValues } from './ticket-logic';

/**
 * 维修师傅 of 派单 / 转单: the project's technicians ranked by fit and load; one outside the category's skills
 * needs 破例派单 with a reason.
 */
export function TechnicianField({
  projectId,
  rule,
  categoryText,
  exclude,
}: {
  projectId: number;
  rule?: IServiceCategory;
  categoryText: string;
  exclude?: number;
}) {
  const techs = useAsync(() => listTechnicians(projectId), [projectId]);
  // Load figures help the choice but never block it: a failed read leaves the list as it was.
  const loads = useAsync(() => technicianWorkload(projectId).catch(() => []), [projectId]);
  const form = Form.useFormInstance<ActionFormValues>();
  const chosenId = Form.useWatch('technicianId', form);
  const override = Form.useWatch('override', form);
  const chosen = techs.data?.find((t) => t.userId === chosenId);
  // The server refuses a technician outside the category's skills unless the dispatcher overrides with a reason.
  const lacksSkill = chosen !== undefined && !techFits(rule, chosen.skills);
  const options = rankTechnicians(
    (techs.data ?? []).filter((t: ITechnicianProfile) => t.userId !== exclude),
    rule,
    loads.data ?? [],
  ).map((t) => ({
    value: t.userId,
    searchText: `${t.name}${t.skills.join('')}`,
    label: (
      <Space size={4}>
        <span>{t.name}</span>
        {t.onDuty ? <Tag color="green">在岗</Tag> : <Tag>休息</Tag>}
        {t.fits ? <Tag color="blue">对口</Tag> : null}
        {t.load ? (
          <Tag color={t.load.full ? 'red' : t.load.openJobs ? 'gold' : 'default'} data-testid="tech-load">
            {t.load.text}
          </Tag>
        ) : null}
        <Typography.Text type="secondary">{t.skills.join('、')}</Typography.Text>
      </Space>
    ),
  }));
  return (
    <>
      <Form.Item name="technicianId" label="维修师傅" rules={[{ required: true, message: '请选择维修师傅' }]}>
        <Select
          showSearch={{ optionFilterProp: 'searchText' }}
          loading={techs.loading}
          placeholder="选择本项目的维修师傅"
          options={options}
          data-testid="technician-select"
          notFoundContent={techs.error ? describeError(techs.error) : '本项目暂无维修师傅'}
        />
      </Form.Item>
      {lacksSkill ? (
        <div data-testid="skill-override">
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={
              rule?.configured
                ? `${chosen.name} 没有「${categoryText}」所需技能（${rule.skills.join('、')}）`
                : `「${categoryText}」尚未设置所需技能，请先在「类别与技能」中设置`
            }
            description="建议改派对口的师傅。确需派给该师傅时，请勾选破例派单并填写原因，原因会记入工单记录和审计日志。"
          />
          <Form.Item name="override" valuePropName="checked">
            <Checkbox data-testid="override-check">破例派单</Checkbox>
          </Form.Item>
          {override ? (
            <Form.Item
              name="overrideReason"
              label="破例原因"
              rules={[
                { required: true, whitespace: true, message: '请填写破例派单的原因' },
                { max: 200, message: '不能超过 200 字' },
              ]}
            >
              <Input.TextArea
                rows={2}
                maxLength={200}
                showCount
                placeholder="例如：水电师傅都在外，业主同意先派该师傅关阀止水"
                data-testid="override-reason"
              />
            </Form.Item>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
