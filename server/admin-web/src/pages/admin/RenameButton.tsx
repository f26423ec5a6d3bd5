import { App, Button, Input, Modal } from 'antd';
import { useState } from 'react';
import { describeError } from '../../api/api-error';

/** A small 重命名 action: asks for the new name and saves it; the server's message shows on refusal. */
export function RenameButton({
  current,
  what,
  maxLength,
  save,
  testId,
}: {
  current: string;
  what: string;
  maxLength: number;
  save: (name: string) => Promise<unknown>;
  testId?: string;
}) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(current);
  const [saving, setSaving] = useState(false);

  async function submit() {
    if (!name.trim()) return void message.error(`请填写${what}名称`);
    setSaving(true);
    try {
      await save(name.trim());
      message.success(`已将${what}改名为「${name.trim()}」`);
      setOpen(false);
    } catch (err) {
      message.error(describeError(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <>
      <Button
        size="small"
        type="link"
        onClick={() => {
          setName(current);
          setOpen(true);
        }}
        data-testid={testId}
      >
        重命名
      </Button>
      <Modal
        title={`重命名${what}`}
        open={open}
        onOk={submit}
        confirmLoading={saving}
        onCancel={() => setOpen(false)}
        okText="保存"
        destroyOnHidden
      >
        <Input
          value={name}
          maxLength={maxLength}
          onChange={(e) => setName(e.target.value)}
          aria-label={`${what}新名称`}
          onPressEnter={submit}
        />
      </Modal>
    </>
  );
}
