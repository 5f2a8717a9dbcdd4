import { useMemo, useState } from 'react';
import { useT } from '@/components/common/i18n';
import { useLiveQuery } from '@/components/common/useLiveQuery';
import { CATEGORY_MAX, PRODUCT_MAX, productKey, readCategoryTable, type CategoryIssue } from '@/lib/categories/table';
import { db } from '@/lib/db/database';
import {
  clearProductCategories,
  mergeProductCategories,
  productCategories,
  removeProductCategory,
  setProductCategory,
} from '@/lib/db/product-categories';
import type { MessageKey } from '@/lib/i18n';
import type { AppSettings } from '@/lib/settings/app';
import { FilePick } from '@/components/common/kit';

/** Rows listed at once; the search narrows the rest. */
const SHOWN = 200;
/** Problems listed after an import; the count says how many more. */
const ISSUES_SHOWN = 20;

/** The product → category table the concern export and the dashboard group buyers by. */
export function CategoryTable({ settings, canEdit }: { settings: AppSettings; canEdit: boolean }) {
  const t = useT();
  const rows = useLiveQuery(() => productCategories(db()), []);
  const [query, setQuery] = useState('');
  const [product, setProduct] = useState('');
  const [category, setCategory] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string; issues: string[]; more: number } | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const all = useMemo(() => (rows.status === 'ready' ? rows.value : []), [rows]);
  const categories = useMemo(
    () => [...new Set(all.map((r) => r.category))].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    [all],
  );
  const shown = useMemo(() => {
    const q = productKey(query);
    return (q ? all.filter((r) => productKey(r.product).includes(q) || productKey(r.category).includes(q)) : all).slice(
      0,
      SHOWN,
    );
  }, [all, query]);

  const issueText = (file: string, i: CategoryIssue) => {
    const message = t(i.code as MessageKey, i.params);
    return i.line > 0
      ? t('cat_issueAt', { file, line: i.line, column: i.column, message })
      : t('cat_issueFile', { file, message });
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setResult(null);
    const read = readCategoryTable(new Uint8Array(await file.arrayBuffer()));
    const issues = read.issues.map((i) => issueText(file.name, i));
    const more = Math.max(0, issues.length - ISSUES_SHOWN);
    if (read.rows.length === 0)
      return setResult({
        ok: false,
        text: t('cat_importFailed', { file: file.name }),
        issues: issues.slice(0, ISSUES_SHOWN),
        more,
      });
    const summary = await mergeProductCategories(db(), read.rows, settings.agentName, Date.now());
    setResult({
      ok: true,
      text: t('cat_imported', { file: file.name, ...summary }),
      issues: issues.slice(0, ISSUES_SHOWN),
      more,
    });
  };
  const add = async () => {
    if (!product.trim() || !category.trim()) return;
    await setProductCategory(db(), product, category, settings.agentName, Date.now());
    setProduct('');
  };

  return (
    <section className="ws-card" data-testid="category-table">
      <div className="ws-card-head">
        <h2>{t('cat_title')}</h2>
        <span className="spacer" />
        <span className="muted" data-testid="category-count">
          {t('cat_count', { count: all.length, categories: categories.length })}
        </span>
      </div>
      <p className="ws-card-sub">{t('cat_help')}</p>
      <div className="ws-actions">
        <FilePick
          label={t('cat_import')}
          accept=".csv,.txt,text/csv"
          disabled={!canEdit}
          onFile={(f) => void importFile(f)}
          testId="category-import"
        />
        <span className="muted">{t('cat_importHint')}</span>
      </div>
      {result && (
        <div className={result.ok ? 'ws-ok' : 'ws-error'} role="status" data-testid="category-import-result">
          <p>{result.text}</p>
          {result.issues.length > 0 && (
            <ul className="category-issues">
              {result.issues.map((text, i) => (
                <li key={i} data-testid="category-issue">
                  {text}
                </li>
              ))}
              {result.more > 0 && <li>{t('cat_issuesMore', { count: result.more })}</li>}
            </ul>
          )}
        </div>
      )}
      <form
        className="ws-row"
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <input
          value={product}
          maxLength={PRODUCT_MAX}
          placeholder={t('cat_product')}
          disabled={!canEdit}
          onChange={(e) => setProduct(e.target.value)}
          data-testid="category-add-product"
        />
        <input
          value={category}
          maxLength={CATEGORY_MAX}
          placeholder={t('cat_category')}
          list="category-names"
          disabled={!canEdit}
          onChange={(e) => setCategory(e.target.value)}
          data-testid="category-add-category"
        />
        <datalist id="category-names">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <button
          type="submit"
          className="secondary"
          disabled={!canEdit || !product.trim() || !category.trim()}
          data-testid="category-add"
        >
          {t('cat_add')}
        </button>
      </form>
      {all.length === 0 ? (
        <p className="ws-empty">{t('cat_empty')}</p>
      ) : (
        <>
          <div className="ws-row">
            <input
              type="search"
              value={query}
              placeholder={t('cat_search')}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="category-search"
            />
            <span className="spacer" />
            <button
              type="button"
              className="secondary"
              disabled={!canEdit}
              data-testid="category-clear"
              onClick={() => {
                if (!confirmClear) return setConfirmClear(true);
                setConfirmClear(false);
                void clearProductCategories(db(), Date.now());
              }}
            >
              {confirmClear ? t('cat_clearConfirm', { count: all.length }) : t('cat_clear')}
            </button>
          </div>
          <table className="ws-table category-rows">
            <thead>
              <tr>
                <th>{t('cat_product')}</th>
                <th>{t('cat_category')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr key={r.id} data-testid="category-row">
                  <td>{r.product}</td>
                  <td>{r.category}</td>
                  <td>
                    <button
                      type="button"
                      className="link"
                      disabled={!canEdit}
                      onClick={() => void removeProductCategory(db(), r.id, Date.now())}
                    >
                      {t('cat_remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {shown.length < all.length && !query && (
            <p className="muted">{t('cat_shown', { shown: shown.length, count: all.length })}</p>
          )}
        </>
      )}
    </section>
  );
}
