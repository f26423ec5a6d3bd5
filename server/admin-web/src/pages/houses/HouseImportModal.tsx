import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { HOUSE_IMPORT_COLUMNS, type IHouseImportResult, type IHouseImportRowError } from '@app/shared';
import { Alert, App, Button, Modal, Progress, Result, Statistic, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { downloadImportTemplate, importHouses } from '../../api/property';
import { describeError } from '../../api/api-error';
import { checkImportFile, importOutcome } from './import-outcome';

type Step =
  | { name: 'select' }
  | { name: 'uploading'; dryRun: boolean; percent: number }
  | { name: 'invalid'; result: IHouseImportResult }
  | { name: 'ready'; result: IHouseImportResult }
  | { name: 'done'; result: IHouseImportResult }
  | { name: 'failed'; message: string; dryRun: boolean };

interface Props {
  open: boolean;
  projectId: number;
  projectName: string;
  onClose(): void;
  onImported(): void;
}

export function HouseImportModal({ open, projectId, projectName, onClose, onImported }: Props) {
  const { message } = App.useApp();
  const [step, setStep] = useState<Step>({ name: 'select' });
  const [file, setFile] = useState<File | null>(null);
  const [downloading, setDownloading] = useState(false);

  function reset() {
    setStep({ name: 'select' });
    setFile(null);
  }

  async function run(target: File, dryRun: boolean) {
    setStep({ name: 'uploading', dryRun, percent: 0 });
    const settled = await importHouses(projectId, target, dryRun, (percent) =>
      setStep({ name: 'uploading', dryRun, percent }),
    ).then(
      (result) => ({ result }),
      (error: unknown) => ({ error }),
    );
    const outcome = importOutcome(settled);
    if (outcome.kind === 'failed') setStep({ name: 'failed', message: outcome.message, dryRun });
    else if (outcome.kind === 'invalid') setStep({ name: 'invalid', result: outcome.result });
    else if (dryRun) setStep({ name: 'ready', result: outcome.result });
    else {
      setStep({ name: 'done', result: outcome.result });
      onImported();
    }
  }

  async function downloadTemplate() {
    setDownloading(true);
    try {
      const blob = await downloadImportTemplate();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = '房屋导入模板.csv';
      link.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      message.error(describeError(error, '模板下载失败'));
    } finally {
      setDownloading(false);
    }
  }

  const busy = step.name === 'uploading';
  const footer = (() => {
    switch (step.name) {
      case 'ready':
        return [
          <Button key="again" onClick={reset}>
            重新选择
          </Button>,
          <Button key="go" type="primary" onClick={() => file && run(file, false)}>
            确认导入
          </Button>,
        ];
      case 'invalid':
        return [
          <Button key="again" type="primary" onClick={reset}>
            重新选择文件
          </Button>,
        ];
      case 'failed':
        return [
          <Button key="again" onClick={reset}>
            重新选择
          </Button>,
          <Button key="retry" type="primary" onClick={() => file && run(file, step.dryRun)}>
            重试
          </Button>,
        ];
      case 'done':
        return [
          <Button key="close" type="primary" onClick={onClose}>
            完成
          </Button>,
        ];
      default:
        return [
          <Button key="cancel" onClick={onClose} disabled={busy}>
            取消
          </Button>,
        ];
    }
  })();

  return (
    <Modal
      open={open}
      title={`导入房屋 · ${projectName}`}
      width={720}
      onCancel={busy ? undefined : onClose}
      closable={!busy}
      mask={{ closable: !busy }}
      footer={footer}
      afterClose={reset}
      destroyOnHidden
    >
      {step.name === 'select' ? (
        <>
          <Typography.Paragraph>
            请按模板填写以下列：{HOUSE_IMPORT_COLUMNS.join('、')}
            。已存在的房屋（同楼栋、单元、房号）会被更新，其余新增。 上传后先校验，确认无误才会写入。
          </Typography.Paragraph>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading}
            onClick={downloadTemplate}
            style={{ marginBottom: 16 }}
          >
            下载导入模板（CSV）
          </Button>
          <Upload.Dragger
            accept=".xlsx,.csv"
            maxCount={1}
            showUploadList={false}
            beforeUpload={(picked) => {
              const problem = checkImportFile(picked);
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
            <p className="ant-upload-text">点击或拖拽文件到此处上传</p>
            <p className="ant-upload-hint">支持 .xlsx、.csv，单个文件不超过 10 MB</p>
          </Upload.Dragger>
        </>
      ) : null}

      {step.name === 'uploading' ? (
        <div style={{ textAlign: 'center', padding: '24px 0' }} data-testid="import-progress">
          <Progress type="circle" percent={step.percent} size={96} />
          <Typography.Paragraph style={{ marginTop: 16 }}>
            {step.percent < 100 ? `正在上传 ${file?.name ?? ''}…` : step.dryRun ? '正在校验数据…' : '正在写入数据…'}
          </Typography.Paragraph>
        </div>
      ) : null}

      {step.name === 'invalid' ? <InvalidRows file={file} result={step.result} /> : null}

      {step.name === 'ready' ? (
        <div data-testid="import-summary">
          <Alert
            type="success"
            showIcon
            title={`校验通过：${file?.name ?? ''} 共 ${step.result.totalRows} 行`}
            style={{ marginBottom: 16 }}
          />
          <div style={{ display: 'flex', gap: 48, justifyContent: 'center' }}>
            <Statistic title="将新增" value={step.result.created} suffix="户" />
            <Statistic title="将更新" value={step.result.updated} suffix="户" />
          </div>
        </div>
      ) : null}

      {step.name === 'failed' ? (
        <Alert type="error" showIcon title={step.dryRun ? '校验失败' : '导入失败'} description={step.message} />
      ) : null}

      {step.name === 'done' ? (
        <Result
          status="success"
          title="导入完成"
          subTitle={`新增 ${step.result.created} 户，更新 ${step.result.updated} 户`}
        />
      ) : null}
    </Modal>
  );
}

const errorColumns = [
  { title: '行号', dataIndex: 'row', width: 80 },
  { title: '列', dataIndex: 'field', width: 120 },
  { title: '问题', dataIndex: 'message' },
];

function InvalidRows({ file, result }: { file: File | null; result: IHouseImportResult }) {
  return (
    <div data-testid="import-errors">
      <Alert
        type="error"
        showIcon
        title={`${file?.name ?? '文件'} 有 ${result.errors.length} 处问题，未写入任何数据`}
        description={`共 ${result.totalRows} 行。请按下表修正后重新上传（行号与表格中的行号一致，表头为第 1 行）。`}
        style={{ marginBottom: 16 }}
      />
      <Table<IHouseImportRowError>
        rowKey={(e) => `${e.row}-${e.field}-${e.message}`}
        size="small"
        columns={errorColumns}
        dataSource={result.errors}
        pagination={result.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      />
    </div>
  );
}
