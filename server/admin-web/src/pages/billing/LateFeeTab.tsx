import type { ILateFeePolicy } from '@app/shared';
import { Alert, App, Button, Form, InputNumber, Skeleton, Switch, Typography } from 'antd';
import { useState } from 'react';
import { getLateFeePolicy, updateLateFeePolicy } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { ErrorState } from '../../components/ErrorState';
import { useAsync } from '../../lib/use-async';
import { dailyRateText } from './billing-logic';

type Values = Omit<ILateFeePolicy, 'projectId'>;

/** 滞纳金 policy: off by default, with the legal caution next to the switch. */
export function LateFeeTab({ projectId }: { projectId: number }) {
  const { message } = App.useApp();
  const policy = useAsync(() => getLateFeePolicy(projectId), [projectId]);
  const [form] = Form.useForm<Values>();
  const enabled = Form.useWatch('enabled', form);
  const rate = Form.useWatch('dailyRatePer100k', form);
  const [saving, setSaving] = useState(false);

  async function save(values: Values) {
    setSaving(true);
    try {
      policy.setData(await updateLateFeePolicy(projectId, values));
      message.success('已保存');
    } catch (err) {
      message.error(describeError(err, '保存失败'));
    } finally {
      setSaving(false);
    }
  }

  if (policy.error && !policy.data)
    return <ErrorState error={policy.error} onRetry={policy.reload} title="滞纳金设置加载失败" />;
  if (!policy.data) return <Skeleton active />;
  const { projectId: _ignored, ...initial } = policy.data;
  return (
    <div style={{ maxWidth: 640 }} data-testid="late-fee">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        title="请谨慎开启滞纳金"
        description={
          <>
            <p style={{ margin: 0 }}>
              滞纳金（违约金）须在物业服务合同中明确约定；约定过高的，法院常依业主请求予以调减，地方主管部门对高额滞纳金也多有限制。建议默认关闭，确需开启时采用较低日费率和封顶比例，并对困难业主酌情减免（项目经理可在账单中减免）。
            </p>
            <p style={{ margin: '8px 0 0' }}>
              无论是否欠费，都不得停水、停电、停气、停暖，不得拒绝报修或限制出入（《民法典》第九百四十四条）；系统也不提供此类功能。
            </p>
          </>
        }
      />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={save} key={JSON.stringify(initial)}>
        <Form.Item name="enabled" label="启用滞纳金" valuePropName="checked">
          <Switch checkedChildren="已启用" unCheckedChildren="已关闭" />
        </Form.Item>
        <Form.Item name="graceDays" label="宽限天数" extra="账期结束后多少天开始计算">
          <InputNumber min={0} max={365} precision={0} disabled={!enabled} suffix="天" />
        </Form.Item>
        <Form.Item
          name="dailyRatePer100k"
          label="日费率（十万分之）"
          extra={`当前：${dailyRateText(rate ?? initial.dailyRatePer100k)}，按每期欠费本金计算`}
        >
          <InputNumber min={0} max={300} precision={0} disabled={!enabled} />
        </Form.Item>
        <Form.Item name="capPercent" label="封顶比例" extra="累计滞纳金不超过欠费本金的该比例">
          <InputNumber min={0} max={100} precision={0} disabled={!enabled} suffix="%" />
        </Form.Item>
        <Form.Item
          name="vacancyDiscountPercent"
          label="空置房物业费优惠"
          extra="空置申请获批后，物业服务费按此比例减免"
        >
          <InputNumber min={0} max={100} precision={0} suffix="%" />
        </Form.Item>
        <Typography.Paragraph type="secondary">修改只影响之后生成的账单。</Typography.Paragraph>
        <Button type="primary" htmlType="submit" loading={saving}>
          保存
        </Button>
      </Form>
    </div>
  );
}
