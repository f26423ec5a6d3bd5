import { LIMITS, Permission, formatFen, grantFor, type ICompanySettings } from '@app/shared';
import { Alert, App, Button, Card, Form, Input, Skeleton } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { getCompanySettings, updateCompanySettings } from '../../api/charges';
import { useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { applyFieldErrors, yuanRule } from '../../lib/form-rules';
import { fenToInput, parseYuanInput } from '../../lib/money-input';
import { useAsync } from '../../lib/use-async';

interface FormValues {
  cashLimitYuan: string;
  waiverCapYuan: string;
}

export default function CompanySettingsPage() {
  const me = useMe();
  // Settings are company-wide: finance/admin hold a company-scoped grant naming the company.
  const grant = grantFor(me.roles, Permission.CompanySettingsEdit);
  if (!grant) return <Alert type="info" showIcon title="公司设置仅对公司级财务中心或系统管理员开放" />;
  return <SettingsForm companyId={grant.scopeId} companyName={grant.scopeName} />;
}

function SettingsForm({ companyId, companyName }: { companyId: number; companyName: string }) {
  const { message } = App.useApp();
  const settings = useAsync(() => getCompanySettings(companyId), [companyId]);
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function save(values: FormValues) {
    const cash = parseYuanInput(values.cashLimitYuan, false, LIMITS.cashLimitFen);
    const cap = parseYuanInput(values.waiverCapYuan, false, LIMITS.waiverMonthlyCapFen);
    if (!cash.ok || !cap.ok) return;
    setSaving(true);
    setError(null);
    try {
      const saved: ICompanySettings = await updateCompanySettings(companyId, {
        cashLimitFen: cash.fen ?? 0,
        waiverMonthlyCapFen: cap.fen ?? 0,
      });
      settings.setData(saved);
      message.success(
        `已保存：现场现金上限 ${formatFen(saved.cashLimitFen)}，每月免收上限 ${formatFen(saved.waiverMonthlyCapFen)}`,
      );
    } catch (err) {
      if (!applyFieldErrors(form, err, { cashLimitFen: 'cashLimitYuan', waiverMonthlyCapFen: 'waiverCapYuan' }))
        setError(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="page" data-testid="settings-page">
      <PageHeader
        title="公司设置"
        description={`${companyName} · 收费规则，对公司所有项目生效。金额以元填写，精确到分。`}
      />
      <Card variant="borderless" style={{ maxWidth: 640 }}>
        {settings.error && !settings.data ? (
          <ErrorState error={settings.error} onRetry={settings.reload} title="公司设置加载失败" />
        ) : !settings.data ? (
          <Skeleton active />
        ) : (
          <Form<FormValues>
            form={form}
            layout="vertical"
            onFinish={save}
            initialValues={{
              cashLimitYuan: fenToInput(settings.data.cashLimitFen),
              waiverCapYuan: fenToInput(settings.data.waiverMonthlyCapFen),
            }}
          >
            {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
            <Form.Item
              name="cashLimitYuan"
              label="现场现金收款上限（元/笔）"
              extra="超过此金额的费用，师傅不能现场收取现金，须计入账单或在线支付。"
              rules={[yuanRule(false, LIMITS.cashLimitFen)]}
            >
              <Input prefix="¥" inputMode="decimal" style={{ width: 220 }} data-testid="cash-limit" />
            </Form.Item>
            <Form.Item
              name="waiverCapYuan"
              label="项目经理每月免收上限（元/人）"
              extra="每位项目经理每个自然月免收的费用合计不得超过此金额。"
              rules={[yuanRule(false, LIMITS.waiverMonthlyCapFen)]}
            >
              <Input prefix="¥" inputMode="decimal" style={{ width: 220 }} data-testid="waiver-cap" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving}>
              保存
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
