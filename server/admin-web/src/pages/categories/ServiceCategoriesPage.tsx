import { Permission, TECHNICIAN_SKILLS, grantFor, type IServiceCategory } from '@app/shared';
import {
  Alert,
  App,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { listCompanyCategories, saveServiceCategory } from '../../api/service-categories';
import { useMe } from '../../auth/session';
import { ErrorState } from '../../components/ErrorState';
import { PageHeader } from '../../components/PageHeader';
import { useAsync } from '../../lib/use-async';
import { buildCategoryRequest, draftOf, ruleSummary, type CategoryDraft } from './category-logic';
import { idColumn } from '../../components/id-column';

const SKILL_OPTIONS = TECHNICIAN_SKILLS.map((s) => ({ value: s, label: s }));

export default function ServiceCategoriesPage() {
  const me = useMe();
  // Category rules are company-wide: the quality centre or an admin with a company-scoped grant edits them.
  const grant = grantFor(me.roles, Permission.CategoryEdit);
  if (!grant) return <Alert type="info" showIcon title="类别与技能仅对公司级品质中心或系统管理员开放" />;
  return <CategoriesEditor companyId={grant.scopeId} companyName={grant.scopeName} />;
}

function CategoriesEditor({ companyId, companyName }: { companyId: number; companyName: string }) {
  const { message } = App.useApp();
  const list = useAsync(() => listCompanyCategories(companyId).then((p) => p.items), [companyId]);
  const [edits, setEdits] = useState<Record<string, CategoryDraft>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [adding] = Form.useForm<{ code: string; name: string }>();

  const draft = (c: IServiceCategory): CategoryDraft => edits[c.code] ?? draftOf(c);
  const edit = (c: IServiceCategory, patch: Partial<CategoryDraft>) => {
    setEdits((e) => ({ ...e, [c.code]: { ...draft(c), ...patch } }));
    setErrors((e) => ({ ...e, [c.code]: '' }));
  };

  async function save(c: IServiceCategory) {
    const built = buildCategoryRequest(companyId, draft(c));
    if (!built.ok) {
      setErrors((e) => ({ ...e, [c.code]: built.message }));
      return;
    }
    setSaving(c.code);
    try {
      const saved = await saveServiceCategory(c.code, built.body);
      message.success(`已保存「${saved.name}（${saved.code}）」`);
      setEdits((e) => ({ ...e, [c.code]: draftOf(saved) }));
      list.reload();
    } catch (err) {
      setErrors((e) => ({ ...e, [c.code]: describeError(err) }));
    } finally {
      setSaving(null);
    }
  }

  function add(values: { code: string; name: string }) {
    const code = values.code.trim().toUpperCase();
    if ((list.data ?? []).some((c) => c.code === code)) {
      adding.setFields([{ name: 'code', errors: ['该类别已存在'] }]);
      return;
    }
    const row: IServiceCategory = {
      code,
      name: values.name.trim(),
      skills: [],
      openToAll: false,
      sortOrder: (list.data?.length ?? 0) + 1,
      configured: false,
    };
    list.setData((rows) => [...(rows ?? []), row]);
    adding.resetFields();
  }

  const flagged = (list.data ?? []).filter((c) => !c.configured);
  const columns: TableColumnsType<IServiceCategory> = [
    idColumn('代码', 'code', { width: 90 }),
    {
      title: '名称',
      key: 'name',
      width: 200,
      render: (_, c) => (
        <Input
          value={draft(c).name}
          maxLength={50}
          onChange={(e) => edit(c, { name: e.target.value })}
          aria-label={`${c.code} 名称`}
        />
      ),
    },
    {
      title: '可派给（技能）',
      key: 'skills',
      render: (_, c) => (
        <Select
          mode="multiple"
          style={{ width: '100%', minWidth: 220 }}
          placeholder={draft(c).openToAll ? '不限技能' : '选择技能'}
          disabled={draft(c).openToAll}
          value={draft(c).skills}
          options={SKILL_OPTIONS}
          onChange={(skills: string[]) => edit(c, { skills })}
          data-testid={`skills-${c.code}`}
        />
      ),
    },
    {
      title: '不限技能',
      key: 'openToAll',
      width: 100,
      render: (_, c) => (
        <Switch
          checked={draft(c).openToAll}
          onChange={(openToAll) => edit(c, { openToAll, skills: openToAll ? [] : draft(c).skills })}
          data-testid={`open-${c.code}`}
        />
      ),
    },
    {
      title: '排序',
      key: 'sortOrder',
      width: 90,
      render: (_, c) => (
        <InputNumber
          min={0}
          max={9999}
          precision={0}
          value={draft(c).sortOrder}
          onChange={(n) => edit(c, { sortOrder: n ?? 0 })}
        />
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 220,
      render: (_, c) => {
        const summary = ruleSummary(c);
        return (
          <Space direction="vertical" size={2}>
            {summary.flagged ? (
              <Tag color="red">{summary.text}</Tag>
            ) : (
              <Typography.Text type="secondary">{summary.text}</Typography.Text>
            )}
            {errors[c.code] ? (
              <Typography.Text type="danger" data-testid={`error-${c.code}`}>
                {errors[c.code]}
              </Typography.Text>
            ) : null}
          </Space>
        );
      },
    },
    {
      title: '',
      key: 'save',
      width: 90,
      render: (_, c) => (
        <Button
          type="primary"
          size="small"
          loading={saving === c.code}
          onClick={() => save(c)}
          data-testid={`save-${c.code}`}
        >
          保存
        </Button>
      ),
    },
  ];

  return (
    <div className="page" data-testid="categories-page">
      <PageHeader
        title="类别与技能"
        description={`${companyName} · 工单类别的名称，以及哪些技能的师傅可以接（抢单池、自动派单、主管指派都按此判断）。每个类别须选择技能，或明确设为不限技能。`}
      />
      {flagged.length ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="unconfigured-alert"
          title={`${flagged.map((c) => `${c.name}（${c.code}）`).join('、')} 尚未设置派单技能：这些类别的工单不会推送给任何师傅，只能由主管破例派单。`}
        />
      ) : null}
      <Card variant="borderless">
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={list.reload} title="类别加载失败" />
        ) : (
          <Table<IServiceCategory>
            rowKey="code"
            size="middle"
            loading={list.loading && !list.data}
            columns={columns}
            dataSource={list.data ?? []}
            pagination={false}
          />
        )}
        <Form form={adding} layout="inline" onFinish={add} style={{ marginTop: 16 }}>
          <Form.Item
            name="code"
            rules={[
              { required: true, message: '请填写代码' },
              { pattern: /^[A-Za-z0-9][A-Za-z0-9-]{0,15}$/, message: '字母、数字或短横线，最多 16 位' },
            ]}
          >
            <Input placeholder="新类别代码，如 KT" style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="name" rules={[{ required: true, whitespace: true, message: '请填写名称' }]}>
            <Input placeholder="名称，如 空调维修类" maxLength={50} style={{ width: 220 }} />
          </Form.Item>
          <Button htmlType="submit">新增类别</Button>
        </Form>
      </Card>
    </div>
  );
}
