import { ANNOUNCEMENT_TEMPLATES, type AnnouncementTemplate, type IAnnouncement } from '@app/shared';
import { Alert, App, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { createAnnouncement } from '../../api/announcements';
import { describeError } from '../../api/api-error';
import { listBuildings } from '../../api/property';
import { useAsync } from '../../lib/use-async';
import { fillTemplate } from './announcement-logic';

interface Values {
  template: AnnouncementTemplate;
  range: [Dayjs, Dayjs];
  audience: 'project' | 'buildings';
  buildingIds?: number[];
  title: string;
  body: string;
}

/** New notice from a template: pick the template and the time range, the text fills in and stays editable. */
export function CreateAnnouncementModal({
  projectId,
  onClose,
  onCreated,
}: {
  projectId: number;
  onClose(): void;
  onCreated(a: IAnnouncement): void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const buildings = useAsync(() => listBuildings(projectId), [projectId]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const audience = Form.useWatch('audience', form);

  function refill(template: AnnouncementTemplate, range: [Dayjs, Dayjs] | null | undefined) {
    const filled = fillTemplate(template, range ? [range[0].toDate(), range[1].toDate()] : null);
    form.setFieldsValue(filled);
  }

  async function submit(v: Values) {
    setSaving(true);
    setError(null);
    try {
      const created = await createAnnouncement({
        projectId,
        template: v.template,
        title: v.title.trim(),
        body: v.body.trim(),
        buildingIds: v.audience === 'buildings' ? (v.buildingIds ?? []) : [],
        startsAt: v.range[0].toISOString(),
        endsAt: v.range[1].toISOString(),
      });
      message.success('已保存为草稿，确认无误后点「发布」');
      onCreated(created);
    } catch (err) {
      setError(describeError(err, '保存失败'));
      setSaving(false);
    }
  }

  return (
    <Modal
      open
      title="新建公告"
      okText="保存草稿"
      cancelText="取消"
      width={640}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ template: 'water', audience: 'buildings', ...fillTemplate('water', null) }}
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>, all) => {
          if ('template' in changed || 'range' in changed) refill(all.template, all.range);
        }}
      >
        <Form.Item name="template" label="模板">
          <Radio.Group
            optionType="button"
            options={ANNOUNCEMENT_TEMPLATES.map((t) => ({ value: t.code, label: t.label }))}
            data-testid="announcement-template"
          />
        </Form.Item>
        <Form.Item name="range" label="起止时间" rules={[{ required: true, message: '请选择起止时间' }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            data-testid="announcement-range"
          />
        </Form.Item>
        <Form.Item name="audience" label="发送范围">
          <Radio.Group
            options={[
              { value: 'buildings', label: '指定楼栋' },
              { value: 'project', label: '全项目' },
            ]}
          />
        </Form.Item>
        {audience !== 'project' ? (
          <Form.Item
            name="buildingIds"
            label="楼栋"
            rules={[{ required: true, type: 'array', min: 1, message: '请选择至少一个楼栋' }]}
          >
            <Select
              mode="multiple"
              loading={buildings.loading}
              placeholder="选择楼栋"
              optionFilterProp="label"
              options={(buildings.data ?? []).map((b) => ({ value: b.id, label: b.name }))}
              data-testid="announcement-buildings"
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, whitespace: true, message: '请填写标题' }, { max: 60 }]}
        >
          <Input maxLength={60} showCount />
        </Form.Item>
        <Form.Item
          name="body"
          label="内容"
          rules={[{ required: true, whitespace: true, message: '请填写内容' }, { max: 1000 }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
