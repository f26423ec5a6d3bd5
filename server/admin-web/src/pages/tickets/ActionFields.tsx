import { RATING_DIMENSIONS, RATING_LABELS, URGENCY_LABELS, type ITicket } from '@app/shared';
import { Checkbox, Form, Input, Radio, Rate, Select, Space, Typography } from 'antd';
import { categoryLabel, categoryOptions, useProjectCategories } from './categories';
import { TechnicianField } from './TechnicianField';
import { actionLabel, type ConsoleAction } from './ticket-logic';

const URGENCY_OPTIONS = (['normal', 'emergency'] as const).map((value) => ({ value, label: URGENCY_LABELS[value] }));

/** The fields each console action asks for, inside the action modal's form. */
export function ActionFields({ ticket, action }: { ticket: ITicket; action: ConsoleAction }) {
  const categories = useProjectCategories(ticket.projectId);
  const required = (msg: string) => [
    { required: true, whitespace: true, message: msg },
    { max: 200, message: '不能超过 200 字' },
  ];
  switch (action) {
    case 'register':
      return (
        <>
          {ticket.kind === 'repair' || ticket.kind === 'service' ? (
            <Form.Item name="category" label="类别（可更正）">
              <Select loading={categories.loading} options={categoryOptions(categories.data ?? [])} />
            </Form.Item>
          ) : null}
          <Form.Item name="urgency" label="紧急程度">
            <Radio.Group options={URGENCY_OPTIONS} />
          </Form.Item>
          {ticket.paid ? (
            <Form.Item
              name="priceExplained"
              valuePropName="checked"
              extra="收费工单受理前须向业主说明适用的收费标准，业主知悉后勾选。"
            >
              <Checkbox data-testid="price-explained">已向业主说明收费标准</Checkbox>
            </Form.Item>
          ) : null}
        </>
      );
    case 'dispatch':
    case 'transfer':
      return (
        <>
          <TechnicianField
            projectId={ticket.projectId}
            rule={categories.data?.find((c) => c.code === ticket.category)}
            categoryText={categoryLabel(ticket.category, categories.data ?? [])}
            exclude={action === 'transfer' ? ticket.technician?.userId : undefined}
          />
          {action === 'transfer' ? (
            <Form.Item name="reason" label="转单原因" rules={required('请填写转单原因')}>
              <Input.TextArea rows={2} maxLength={200} />
            </Form.Item>
          ) : null}
        </>
      );
    case 'hold':
      return (
        <Form.Item
          name="reason"
          label="挂起原因"
          rules={required('请填写挂起原因')}
          extra="挂起期间工单冻结，时限暂停。"
        >
          <Input.TextArea rows={2} maxLength={200} placeholder="例如：业主出差，约定下周上门" />
        </Form.Item>
      );
    case 'cancel':
      return (
        <Form.Item name="reason" label="取消原因" rules={required('请填写取消原因')}>
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      );
    case 'request_rework':
      return (
        <Form.Item
          name="reason"
          label="返修原因"
          rules={required('请填写返修原因')}
          extra="第二次返修将升级至项目经理。"
        >
          <Input.TextArea rows={2} maxLength={200} />
        </Form.Item>
      );
    case 'reply':
      return (
        <Form.Item
          name="reply"
          label="答复内容"
          rules={[{ required: true, whitespace: true, message: '请填写答复内容' }]}
          extra="答复后工单完结，业主可在小程序查看。"
        >
          <Input.TextArea rows={4} maxLength={500} showCount />
        </Form.Item>
      );
    case 'return_visit':
      return (
        <>
          <Form.Item
            name="satisfied"
            label="业主评价"
            rules={[{ required: true, message: '请选择满意或不满意' }]}
            extra="不满意将生成整改任务。"
          >
            <Radio.Group
              options={[
                { value: true, label: '满意' },
                { value: false, label: '不满意' },
              ]}
            />
          </Form.Item>
          <Form.Item name="result" label="回访结果" rules={required('请填写回访结果')}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
        </>
      );
    case 'verify':
      return (
        <>
          <Typography.Paragraph>
            公共区域维修由客户经理验收；如由楼栋代表到场验收，请记录其姓名和关系。评分无默认值，请逐项选择。
          </Typography.Paragraph>
          {RATING_DIMENSIONS.map((d) => (
            <Form.Item key={d} name={d} label={RATING_LABELS[d]}>
              <Rate data-testid={`rate-${d}`} />
            </Form.Item>
          ))}
          <Form.Item name="comment" label="验收意见（选填）" rules={[{ max: 500, message: '不能超过 500 字' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Space size="middle" align="start">
            <Form.Item
              name="representativeName"
              label="楼栋代表姓名（选填）"
              rules={[{ max: 32, message: '不能超过 32 字' }]}
            >
              <Input maxLength={32} placeholder="如 何阿姨" />
            </Form.Item>
            <Form.Item
              name="representativeRelation"
              label="与本楼关系"
              rules={[{ max: 20, message: '不能超过 20 字' }]}
            >
              <Input maxLength={20} placeholder="如 楼长、业委会委员" />
            </Form.Item>
          </Space>
        </>
      );
    case 'damage':
      return (
        <>
          <Form.Item name="description" label="损坏情况" rules={required('请填写损坏情况')}>
            <Input.TextArea rows={3} maxLength={200} />
          </Form.Item>
          <Form.Item
            name="compensationYuan"
            label="赔偿金额（元）"
            rules={[{ required: true, message: '请填写金额' }]}
            extra="记入审计日志。"
          >
            <Input prefix="¥" placeholder="如 120 或 120.50" inputMode="decimal" />
          </Form.Item>
        </>
      );
    default:
      return <Typography.Text>确认{actionLabel(action)}该工单？</Typography.Text>;
  }
}
