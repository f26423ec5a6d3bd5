import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Button, Input, Text, View } from '@tarojs/components';
import { InvoiceTitleKind, type IInvoiceTitle, type IUpsertInvoiceTitleRequest } from '@app/shared';
import SignInPrompt from '../../../../components/SignInPrompt';
import StatusView from '../../../../components/StatusView';
import { useRemoteData } from '../../../../hooks/use-remote-data';
import { ApiError, errorMessage } from '../../../../services/api-error';
import { deleteInvoiceTitle, getMyInvoiceTitles, saveInvoiceTitle } from '../../../../services/api/prepay';
import { validateTitle, type TitleErrors } from '../../utils/prepay-view';
import '../invoices/index.scss';

type Draft = IUpsertInvoiceTitleRequest & { id?: number };
const EMPTY: Draft = { kind: InvoiceTitleKind.Personal, name: '', taxId: '', email: '', isDefault: false };

/** 发票抬头: personal (a name) or company (name + 纳税人识别号, 15/18/20 位), one of them the default. */
export default function InvoiceTitles() {
  const { state, reload } = useRemoteData(getMyInvoiceTitles);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<TitleErrors & { form?: string }>({});
  const [saving, setSaving] = useState(false);

  if (state.status === 'loading') return <StatusView loading />;
  if (state.status === 'error') return <StatusView error={state.message} onRetry={reload} />;
  if (state.status === 'guest') return <SignInPrompt />;

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...(d ?? EMPTY), ...patch }));
    setErrors({});
  };

  async function save() {
    if (!draft || saving) return;
    const found = validateTitle(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      const company = draft.kind === InvoiceTitleKind.Company;
      await saveInvoiceTitle({
        ...draft,
        name: draft.name.trim(),
        taxId: company ? draft.taxId?.trim().toUpperCase() : null,
        email: draft.email?.trim() || null,
      });
      setDraft(null);
      void Taro.showToast({ title: '已保存', icon: 'success' });
      await reload();
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      setErrors(
        fields.length > 0 ? Object.fromEntries(fields.map((f) => [f.field, f.message])) : { form: errorMessage(error) },
      );
    } finally {
      setSaving(false);
    }
  }

  async function remove(title: IInvoiceTitle) {
    const answer = await Taro.showModal({ title: '删除抬头', content: `确定删除「${title.name}」？` });
    if (!answer.confirm) return;
    try {
      await deleteInvoiceTitle(title.id);
      await reload();
    } catch (error) {
      void Taro.showToast({ title: errorMessage(error), icon: 'none' });
    }
  }

  const titles = state.data;
  return (
    <View className="invoice">
      <View className="card">
        <Text className="card-title">我的抬头</Text>
        {titles.length === 0 && <Text className="muted">还没有发票抬头</Text>}
        {titles.map((t) => (
          <View key={t.id} className="invoice__row">
            <View className="invoice__row-main">
              <Text>
                {t.name}
                {t.isDefault ? '（默认）' : ''}
              </Text>
              <Text className="muted">
                {t.kind === 'company' ? `企业 · 税号 ${t.taxId}` : '个人'}
                {t.email ? ` · ${t.email}` : ''}
              </Text>
            </View>
            <View className="invoice__row-side">
              <Text
                className="link"
                onClick={() => {
                  setDraft({
                    id: t.id,
                    kind: t.kind,
                    name: t.name,
                    taxId: t.taxId ?? '',
                    email: t.email ?? '',
                    isDefault: t.isDefault,
                  });
                  setErrors({});
                }}
              >
                编辑
              </Text>
              <Text className="danger" onClick={() => void remove(t)}>
                删除
              </Text>
            </View>
          </View>
        ))}
        {!draft && (
          <Button
            type="primary"
            className="invoice__action"
            onClick={() => {
              setDraft(EMPTY);
              setErrors({});
            }}
          >
            新增抬头
          </Button>
        )}
      </View>

      {draft && (
        <View className="card">
          <Text className="card-title">{draft.id ? '编辑抬头' : '新增抬头'}</Text>
          <View className="invoice__kinds">
            {[InvoiceTitleKind.Personal, InvoiceTitleKind.Company].map((k) => (
              <View
                key={k}
                className={`invoice__kind${draft.kind === k ? ' invoice__kind--on' : ''}`}
                onClick={() => update({ kind: k })}
              >
                <Text>{k === 'company' ? '企业' : '个人'}</Text>
              </View>
            ))}
          </View>
          <Text className="invoice__label">{draft.kind === 'company' ? '单位名称' : '姓名'}</Text>
          <Input
            className="invoice__input"
            value={draft.name}
            maxlength={100}
            placeholder={draft.kind === 'company' ? '与营业执照一致' : '个人姓名'}
            onInput={(e) => update({ name: e.detail.value })}
          />
          {errors.name && <Text className="field-error">{errors.name}</Text>}
          {draft.kind === 'company' && (
            <>
              <Text className="invoice__label">纳税人识别号</Text>
              <Input
                className="invoice__input"
                value={draft.taxId ?? ''}
                maxlength={20}
                placeholder="15、18 或 20 位"
                onInput={(e) => update({ taxId: e.detail.value })}
              />
              {errors.taxId && <Text className="field-error">{errors.taxId}</Text>}
            </>
          )}
          <Text className="invoice__label">接收邮箱（可选）</Text>
          <Input
            className="invoice__input"
            value={draft.email ?? ''}
            maxlength={100}
            placeholder="开票后也可在「我的发票」下载"
            onInput={(e) => update({ email: e.detail.value })}
          />
          {errors.email && <Text className="field-error">{errors.email}</Text>}
          <View className="invoice__switch" onClick={() => update({ isDefault: !draft.isDefault })}>
            <Text>设为默认抬头</Text>
            <Text className={draft.isDefault ? 'invoice__check invoice__check--on' : 'invoice__check'}>
              {draft.isDefault ? '✓ 是' : '否'}
            </Text>
          </View>
          {errors.form && <Text className="field-error">{errors.form}</Text>}
          <Button
            type="primary"
            className="invoice__action"
            loading={saving || undefined}
            disabled={saving || undefined}
            onClick={save}
          >
            保存
          </Button>
          <Button className="invoice__action" onClick={() => setDraft(null)}>
            取消
          </Button>
        </View>
      )}
    </View>
  );
}
