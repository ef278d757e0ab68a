import { CheckCircleOutlined, CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import type { RowIssue } from '@qingfeng/core';
import { Alert, App, Button, Card, Col, Popconfirm, Row, Space, Steps, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { useOrgs } from '../orgs/OrgsContext';
import { PageHeader } from '../shared/PageHeader';
import { tid } from '../shared/testid';
import { importsApi, type ImportResult } from './api';

type Outcome = { kind: 'result'; result: ImportResult } | { kind: 'error'; message: string; rows: RowIssue[] };

/** 批量导入: download the template, fill it in, check it (dry run), then import it in one go. */
export default function ImportsPage() {
  const { message } = App.useApp();
  const orgs = useOrgs();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState<'template' | 'check' | 'import' | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [checkedOk, setCheckedOk] = useState(false);

  const template = async () => {
    setBusy('template');
    try {
      await importsApi.template();
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'import');
    setOutcome(null);
    try {
      const result = await importsApi.run(file, dryRun);
      setOutcome({ kind: 'result', result });
      setCheckedOk(dryRun);
      if (!dryRun) {
        message.success('导入完成');
        setFile(null);
        void orgs.reload();
      }
    } catch (e) {
      setCheckedOk(false);
      setOutcome({ kind: 'error', message: errorMessage(e), rows: e instanceof ApiError ? e.rows : [] });
    } finally {
      setBusy(null);
    }
  };

  const step = !file ? (outcome?.kind === 'result' && !outcome.result.dryRun ? 3 : 1) : checkedOk ? 2 : 1;

  return (
    <>
      <PageHeader title="批量导入" subtitle="从 Excel 模板一次导入组织与人员。先校验，全部无误后再导入；有任何错误时不会写入任何记录。" />
      <Card style={{ marginBottom: 16 }}>
        <Steps
          current={step}
          items={[{ title: '下载模板' }, { title: '填写并上传、校验' }, { title: '确认导入' }, { title: '完成' }]}
          style={{ marginBottom: 24 }}
        />
        <Row gutter={[24, 24]}>
          <Col xs={24} lg={9}>
            <Typography.Title level={5}>1. 下载模板</Typography.Title>
            <Typography.Paragraph type="secondary">
              模板含“组织”“人员”两张工作表和填写说明。组织以“组织代码”相互引用；人员的“所属组织代码”可以是已有组织或本次新建的组织，岗位不存在时自动新建。
            </Typography.Paragraph>
            <Button icon={<DownloadOutlined />} onClick={template} loading={busy === 'template'} data-testid="import-template">
              下载导入模板
            </Button>
          </Col>
          <Col xs={24} lg={15}>
            <Typography.Title level={5}>2. 上传填好的文件</Typography.Title>
            <div data-testid="import-upload">
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              maxCount={1}
              multiple={false}
              fileList={file ? [{ uid: 'file', name: file.name, status: 'done', size: file.size }] : []}
              beforeUpload={(f) => {
                setFile(f);
                setOutcome(null);
                setCheckedOk(false);
                return false; // kept in the browser until 校验 or 导入
              }}
              onRemove={() => {
                setFile(null);
                setOutcome(null);
                setCheckedOk(false);
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">点击或将 Excel 文件拖到此处</p>
              <p className="ant-upload-hint">仅支持按模板填写的 .xlsx 文件，不超过 10 MB</p>
            </Upload.Dragger>
            </div>
            <Space style={{ marginTop: 16 }}>
              <Button icon={<CheckCircleOutlined />} disabled={!file} loading={busy === 'check'} onClick={() => run(true)} data-testid="import-dry-run">
                校验
              </Button>
              <Popconfirm
                title="确认导入"
                description={checkedOk ? '校验已通过。确定写入这些组织、岗位和人员吗？' : '尚未校验。导入前仍会完整校验，有错误时不写入任何记录。确定导入吗？'}
                okText="导入"
                okButtonProps={tid('import-submit-ok')}
                onConfirm={() => run(false)}
                disabled={!file}
              >
                <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file} loading={busy === 'import'} data-testid="import-submit">
                  导入
                </Button>
              </Popconfirm>
            </Space>
          </Col>
        </Row>
      </Card>

      {outcome?.kind === 'result' && (
        <Alert
          data-testid="import-result"
          type="success"
          showIcon
          icon={<FileExcelOutlined />}
          title={outcome.result.dryRun ? '校验通过，可以导入' : '导入完成'}
          description={`${outcome.result.dryRun ? '将新建' : '已新建'}组织 ${outcome.result.orgsCreated} 个、岗位 ${outcome.result.postsCreated} 个，新增人员 ${outcome.result.peopleCreated} 名。`}
          style={{ marginBottom: 16 }}
        />
      )}
      {outcome?.kind === 'error' && (
        <Card data-testid="import-errors">
          <Alert
            type="error"
            showIcon
            title={outcome.message}
            description={outcome.rows.length ? `共 ${outcome.rows.length} 处问题，请在 Excel 中修改后重新上传。` : undefined}
            style={{ marginBottom: outcome.rows.length ? 16 : 0 }}
          />
          {outcome.rows.length > 0 && (
            <Table<RowIssue>
              rowKey={(r) => `${r.sheet}-${r.row}-${r.field}-${r.message}`}
              size="small"
              dataSource={outcome.rows}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="import-errors-table"
              columns={[
                { title: '工作表', dataIndex: 'sheet', width: 100 },
                { title: '行号', dataIndex: 'row', width: 80, sorter: (a, b) => a.row - b.row },
                { title: '字段', dataIndex: 'field', width: 160 },
                { title: '问题', dataIndex: 'message' },
              ]}
            />
          )}
        </Card>
      )}
    </>
  );
}
