import { Fragment, useLayoutEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { columnPinningFeature, columnResizingFeature, columnSizingFeature, columnVisibilityFeature, tableFeatures, useTable, type Cell, type Column, type ColumnDef, type Header, type RowData } from '@tanstack/react-table';
import { useWindowVirtualizer } from '@tanstack/react-virtual';

export interface DataColumnMeta {
  align?: 'right';
  /** The cell names its row for screen readers (`<th scope="row">`). */
  isRowHeader?: boolean;
  /** `aria-sort` of the header. */
  sort?: 'ascending' | 'descending' | 'none';
  className?: string;
}

export const dataTableFeatures = tableFeatures({
  columnSizingFeature,
  columnResizingFeature,
  columnPinningFeature,
  columnVisibilityFeature,
  columnMeta: {} as DataColumnMeta,
});
type Features = typeof dataTableFeatures;
export type DataColumn<T extends RowData> = ColumnDef<Features, T, unknown>;

/** Past this many rows only those near the window are in the page (row heights are measured). */
const VIRTUALIZE_OVER = 200;
const ESTIMATED_ROW_PX = 52;

interface DataTableProps<T extends RowData> {
  rows: T[];
  columns: DataColumn<T>[];
  getRowId: (row: T) => string;
  caption: ReactNode;
  /** Columns kept in view at the start (left) and end (right) while the rest scrolls sideways. */
  pinStart?: string[];
  pinEnd?: string[];
  /** Classes of a row; give it an opaque background (pinned cells take the row's). Default white. */
  rowClassName?: (row: T) => string | undefined;
  /** Renders a footer row from the columns' `footer`. */
  hasFooter?: boolean;
  /** A row under the row, spanning every column (details). */
  renderExpanded?: (row: T) => ReactNode;
  className?: string;
}

/**
 * A table for data pages (TanStack Table): columns sized from their definitions and resizable by
 * dragging the header edge, at least the container's width; pinned columns stay in view while the
 * rest scrolls sideways inside the container; past a few hundred rows only the visible ones render.
 */
export function DataTable<T extends RowData>({ rows, columns, getRowId, caption, pinStart = [], pinEnd = [], rowClassName, hasFooter = false, renderExpanded, className = '' }: DataTableProps<T>) {
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: (row) => getRowId(row),
    columnResizeMode: 'onChange',
    initialState: { columnPinning: { start: pinStart, end: pinEnd } },
  });
  const body = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  const isVirtual = rows.length > VIRTUALIZE_OVER && !renderExpanded;
  useLayoutEffect(() => {
    if (isVirtual && body.current) setScrollMargin(body.current.getBoundingClientRect().top + window.scrollY);
  }, [isVirtual]);
  const virtualizer = useWindowVirtualizer({ count: rows.length, estimateSize: () => ESTIMATED_ROW_PX, overscan: 12, scrollMargin, enabled: isVirtual });

  const modelRows = table.getRowModel().rows;
  const items = isVirtual ? virtualizer.getVirtualItems() : null;
  const shown = items ? items.map((item) => ({ row: modelRows[item.index], index: item.index })) : modelRows.map((row, index) => ({ row, index }));
  const padTop = items && items.length > 0 ? (items[0]?.start ?? 0) - scrollMargin : 0;
  const padBottom = items && items.length > 0 ? virtualizer.getTotalSize() - ((items.at(-1)?.end ?? 0) - scrollMargin) : 0;
  const columnCount = table.getVisibleLeafColumns().length;

  return (
    <div className={`relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-gray-200 ${className}`}>
      <table className="text-left text-sm" style={{ tableLayout: 'fixed', width: '100%', minWidth: table.getTotalSize() }}>
        <caption className="sr-only">{caption}</caption>
        <colgroup>
          {table.getVisibleLeafColumns().map((column) => (
            <col key={column.id} style={{ width: column.getSize() }} />
          ))}
        </colgroup>
        <thead className="border-b border-gray-200 bg-gray-50 text-xs text-gray-500">
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <HeaderCell key={header.id} header={header}>
                  {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                </HeaderCell>
              ))}
            </tr>
          ))}
        </thead>
        <tbody ref={body} className="divide-y divide-gray-100">
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
          {shown.map(({ row, index }) =>
            row ? (
              <Fragment key={row.id}>
                <tr data-index={index} ref={isVirtual ? virtualizer.measureElement : undefined} className={rowClassName?.(row.original) ?? 'bg-white'}>
                  {row.getVisibleCells().map((cell) => (
                    <BodyCell key={cell.id} cell={cell}>
                      <table.FlexRender cell={cell} />
                    </BodyCell>
                  ))}
                </tr>
                {renderExpanded?.(row.original) != null && (
                  <tr>
                    <td colSpan={columnCount} className="bg-gray-50 px-3 py-3">
                      {renderExpanded(row.original)}
                    </td>
                  </tr>
                )}
              </Fragment>
            ) : null,
          )}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
        {hasFooter && (
          <tfoot className="border-t-2 border-gray-200 bg-gray-50 font-medium">
            {table.getFooterGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => (
                  <FooterCell key={header.id} header={header}>
                    {header.isPlaceholder ? null : <table.FlexRender footer={header} />}
                  </FooterCell>
                ))}
              </tr>
            ))}
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** Sticky position (and the edge shadow) of a pinned column; nothing for the others. */
export function pinnedStyle<T extends RowData>(column: Column<Features, T, unknown>): { style: CSSProperties | undefined; className: string } {
  const pinned = column.getIsPinned();
  if (pinned === 'start') {
    const isLast = column.getAfter('start') === 0;
    return { style: { position: 'sticky', left: column.getStart('start'), zIndex: 1 }, className: isLast ? 'shadow-[inset_-1px_0_0_var(--color-gray-200)]' : '' };
  }
  if (pinned === 'end') {
    const isFirst = column.getStart('end') === 0;
    return { style: { position: 'sticky', right: column.getAfter('end'), zIndex: 1 }, className: isFirst ? 'shadow-[inset_1px_0_0_var(--color-gray-200)]' : '' };
  }
  return { style: undefined, className: '' };
}

const cellPad = 'px-2 py-2 first:pl-3 last:pr-3';

function HeaderCell<T extends RowData>({ header, children }: { header: Header<Features, T, unknown>; children: ReactNode }) {
  const meta = header.column.columnDef.meta;
  const pin = pinnedStyle(header.column);
  const canResize = header.column.getCanResize() && !header.column.getIsPinned();
  return (
    <th
      scope="col"
      colSpan={header.colSpan}
      aria-sort={meta?.sort}
      style={pin.style}
      className={`${cellPad} relative bg-gray-50 font-medium whitespace-nowrap ${meta?.align === 'right' ? 'text-right' : ''} ${pin.className} ${meta?.className ?? ''}`}
    >
      {children}
      {canResize && (
        <span
          aria-hidden="true"
          onMouseDown={header.getResizeHandler()}
          onTouchStart={header.getResizeHandler()}
          onDoubleClick={() => header.column.resetSize()}
          className="absolute top-0 right-0 h-full w-1.5 cursor-col-resize touch-none select-none hover:bg-indigo-300"
        />
      )}
    </th>
  );
}

function BodyCell<T extends RowData>({ cell, children }: { cell: Cell<Features, T, unknown>; children: ReactNode }) {
  const meta = cell.column.columnDef.meta;
  const pin = pinnedStyle(cell.column);
  const Tag = meta?.isRowHeader ? 'th' : 'td';
  return (
    <Tag
      {...(meta?.isRowHeader ? { scope: 'row' } : {})}
      style={pin.style}
      className={`${cellPad} align-top ${pin.style ? 'bg-inherit' : ''} ${meta?.align === 'right' ? 'text-right' : ''} ${pin.className} ${meta?.className ?? ''}`}
    >
      {children}
    </Tag>
  );
}

function FooterCell<T extends RowData>({ header, children }: { header: Header<Features, T, unknown>; children: ReactNode }) {
  const meta = header.column.columnDef.meta;
  const pin = pinnedStyle(header.column);
  const Tag = meta?.isRowHeader ? 'th' : 'td';
  return (
    <Tag {...(meta?.isRowHeader ? { scope: 'row' } : {})} style={pin.style} className={`${cellPad} bg-gray-50 ${meta?.align === 'right' ? 'text-right tabular-nums' : ''} ${pin.className}`}>
      {children}
    </Tag>
  );
}
