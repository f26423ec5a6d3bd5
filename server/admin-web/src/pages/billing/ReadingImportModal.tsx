import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import type { IReadingImportResult, IReadingImportRowError } from '@app/shared';
import { Alert, App, Button, Modal, Progress, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { downloadReadingTemplate, importReadings, saveBlob } from '../../api/billing';
import { describeError } from '../../api/api-error';
import { checkReadingFile, periodLabel, readingImportOutcome, sortImportErrors } from './billing-logic';

type Step =
  | { name: 'select' }
  | { name: 'uploading'; dryRun: boolean; percent: number }
  | { name: 'invalid'; result: IReadingImportResult }
  | { name: 'ready'; result: IReadingImportResult }
  | { name: 'done'; result: IReadingImportResult }
  | { name: 'failed'; message: string; dryRun: boolean };

interface Props {
  projectId: number;
  period: string;
  itemCode: string;
  itemLabel: string;
  onClose(): void;
  onImported(): void;
}

/** Template → upload → dry run (row errors listed, nothing written) → import: all rows or none. */
export function ReadingImportModal({ projectId, period, itemCode, itemLabel, onClose, onImported }: Props) {
  const { message } = App.useApp();
  const [step, setStep] = useState<Step>({ name: 'select' });
  const [file, setFile] = useState<File | null>(null);
  const [downloading, setDownloading] = useState(false);
  const query = { projectId, period, itemCode };

  async function run(target: File, dryRun: boolean) {
    setStep({ name: 'uploading', dryRun, percent: 0 });
    const settled = await importReadings({ ...query, dryRun }, target, (percent) =>
      setStep({ name: 'uploading', dryRun, percent }),
    ).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    const outcome = readingImportOutcome(settled);
    if (outcome.kind === 'failed') setStep({ name: 'failed', message: outcome.message, dryRun });
    else if (outcome.kind === 'invalid') setStep({ name: 'invalid', result: outcome.result });
    else if (dryRun) setStep({ name: 'ready', result: outcome.result });
    else {
      setStep({ name: 'done', result: outcome.result });
      onImported();
    }
  }

  async function template() {
    setDownloading(true);
    try {
      saveBlob(await downloadReadingTemplate(query), `抄表模板-${itemCode}-${period}.xlsx`);
    } catch (error) {
      message.error(describeError(error, '模板下载失败'));
    } finally {
      setDownloading(false);
    }
  }

  const reset = () => {
    setStep({ name: 'select' });
    setFile(null);
  };
  const busy = step.name === 'uploading';
  const footer = {
    ready: [
      <Button key="again" onClick={reset}>
        重新选择
      </Button>,
      <Button key="go" type="primary" onClick={() => file && run(file, false)} data-testid="confirm-import">
        确认导入
      </Button>,
    ],
    invalid: [
      <Button key="again" type="primary" onClick={reset}>
        重新选择文件
      </Button>,
    ],
    failed: [
      <Button key="again" onClick={reset}>
        重新选择
      </Button>,
      <Button key="retry" type="primary" onClick={() => file && step.name === 'failed' && run(file, step.dryRun)}>
        重试
      </Button>,
    ],
    done: [
      <Button key="close" type="primary" onClick={onClose}>
        完成
      </Button>,
    ],
  }[step.name as 'ready'] ?? [
    <Button key="cancel" onClick={onClose} disabled={busy}>
      取消
    </Button>,
  ];

  return (
    <Modal
      open
      title={`导入读数 · ${itemLabel} · ${periodLabel(period)}`}
      width={720}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      footer={footer}
      destroyOnHidden
    >
      {step.name === 'select' ? (
        <>
          <Typography.Paragraph>
            模板已列出本项目全部房屋及上期读数，填写「本期读数」即可；换表的房屋在「换表」列填“是”并填写「新表起始读数」。
            上传后先校验，有任何一行出错都不会写入。
          </Typography.Paragraph>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={template}
            style={{ marginBottom: 16 }}
            data-testid="reading-template"
          >
            下载抄表模板（xlsx）
          </Button>
          <Upload.Dragger
            accept=".xlsx"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(picked) => {
              const problem = checkReadingFile(picked);
              if (problem) {
                message.error(problem);
                return Upload.LIST_IGNORE;
              }
              setFile(picked);
              void run(picked, true);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击或拖拽 xlsx 文件到此处</p>
            <p className="ant-upload-hint">单个文件不超过 10 MB</p>
          </Upload.Dragger>
        </>
      ) : null}
      {step.name === 'uploading' ? (
        <div style={{ textAlign: 'center', padding: '24px 0' }} data-testid="import-progress">
          <Progress type="circle" percent={step.percent} size={96} />
          <Typography.Paragraph style={{ marginTop: 16 }}>
            {step.percent < 100 ? `正在上传 ${file?.name ?? ''}…` : step.dryRun ? '正在校验…' : '正在写入…'}
          </Typography.Paragraph>
        </div>
      ) : null}
      {step.name === 'invalid' ? <InvalidRows fileName={file?.name} result={step.result} /> : null}
      {step.name === 'ready' ? (
        <Alert
          type="success"
          showIcon
          data-testid="import-ready"
          title={`校验通过：共 ${step.result.rows} 行，可以导入`}
          description="确认导入后写入全部读数；同一户本月已有的读数会被覆盖。"
        />
      ) : null}
      {step.name === 'failed' ? (
        <Alert type="error" showIcon title={step.dryRun ? '校验失败' : '导入失败'} description={step.message} />
      ) : null}
      {step.name === 'done' ? (
        <Result
          status="success"
          title="导入完成"
          subTitle={`已写入 ${step.result.imported} 户的读数`}
          data-testid="import-done"
        />
      ) : null}
    </Modal>
  );
}

function InvalidRows({ fileName, result }: { fileName?: string; result: IReadingImportResult }) {
  return (
    <div data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        title={`${fileName ?? '文件'} 有 ${result.errors.length} 处问题，未写入任何读数`}
        description={`共 ${result.rows} 行。请按下表修正后重新上传（表头为第 1 行）。`}
        style={{ marginBottom: 16 }}
      />
      <Table<IReadingImportRowError>
        rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
        size="small"
        columns={[
          { title: '行号', dataIndex: 'row', width: 80 },
          { title: '列', dataIndex: 'field', width: 140 },
          { title: '问题', dataIndex: 'message' },
        ]}
        dataSource={sortImportErrors(result.errors)}
        pagination={result.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      />
    </div>
  );
}
