import { ROLE_LABELS, Role, STAFF_ROLES, ScopeType, type IOrganization, type IStaffAccount } from '@app/shared';
import { Alert, App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { grantRole } from '../../api/admin';
import { describeError } from '../../api/api-error';
import { scopeOptions, scopeTypesFor } from './grant-logic';

const SCOPE_LABELS: Record<ScopeType, string> = { project: '项目', region: '区域', company: '全公司' };

interface GrantForm {
  role: Role;
  scopeType: ScopeType;
  scopeId: number;
}

export function GrantRoleModal({
  account,
  organization,
  onClose,
  onGranted,
}: {
  account: IStaffAccount;
  organization: IOrganization;
  onClose: () => void;
  onGranted: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantForm>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  const scopeType = Form.useWatch('scopeType', form) ?? ScopeType.Project;

  async function submit() {
    // Missing fields are shown under them; validateFields' rejection must not escape as a page error.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      await grantRole(account.id, values);
      message.success(`已授予${account.name}「${ROLE_LABELS[values.role]}」`);
      onGranted();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title={`为 ${account.name} 授权`}
      okText="授权"
      onOk={submit}
      confirmLoading={saving}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<GrantForm>
        name="grant"
        form={form}
        layout="vertical"
        initialValues={{ scopeType: ScopeType.Project }}
        onValuesChange={(changed: Partial<GrantForm>) => {
          if (changed.role && !scopeTypesFor(changed.role).includes(form.getFieldValue('scopeType')))
            form.setFieldsValue({ scopeType: ScopeType.Project, scopeId: undefined });
          if (changed.scopeType)
            form.setFieldsValue({
              scopeId: changed.scopeType === ScopeType.Company ? organization.companyId : undefined,
            });
        }}
      >
        <Form.Item name="role" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
          <Select aria-label="角色" options={STAFF_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        </Form.Item>
        <Form.Item name="scopeType" label="范围" rules={[{ required: true, message: '请选择范围' }]}>
          <Select
            aria-label="范围"
            options={(role ? scopeTypesFor(role) : scopeTypesFor(Role.CustomerManager)).map((s) => ({
              value: s,
              label: SCOPE_LABELS[s],
            }))}
          />
        </Form.Item>
        <Form.Item
          name="scopeId"
          label={SCOPE_LABELS[scopeType]}
          rules={[{ required: true, message: `请选择${SCOPE_LABELS[scopeType]}` }]}
        >
          <Select aria-label="授权对象" options={scopeOptions(organization, scopeType)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
