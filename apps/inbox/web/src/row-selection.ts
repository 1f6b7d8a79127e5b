/** Rows picked for a bulk action, and the row a shift-click extends from. */
export interface RowSelection {
  ids: ReadonlySet<number>;
  anchor: number | null;
}

export const NO_SELECTION: RowSelection = { ids: new Set(), anchor: null };

/**
 * A click on a row's box toggles it and makes it the anchor; a shift-click sets every row between the anchor and
 * this one (in list order) to the anchor's state, as file managers do. `order` is the list as shown.
 */
export function clickRow(selection: RowSelection, order: number[], id: number, shift: boolean): RowSelection {
  const ids = new Set(selection.ids);
  const from = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const to = order.indexOf(id);
  if (shift && from !== -1 && to !== -1) {
    const on = ids.has(selection.anchor!);
    for (const rowId of order.slice(Math.min(from, to), Math.max(from, to) + 1)) {
      if (on) ids.add(rowId);
      else ids.delete(rowId);
    }
    return { ids, anchor: selection.anchor };
  }
  if (ids.has(id)) ids.delete(id);
  else ids.add(id);
  return { ids, anchor: id };
}

/** "Select all on this page": every shown row, or none when all are already selected. */
export function toggleAll(selection: RowSelection, order: number[]): RowSelection {
  const all = order.length > 0 && order.every((id) => selection.ids.has(id));
  return { ids: all ? new Set() : new Set(order), anchor: null };
}

/** Rows that left the list (resolved, filtered out) leave the selection too. */
export function keepShown(selection: RowSelection, order: number[]): RowSelection {
  const shown = new Set(order);
  if ([...selection.ids].every((id) => shown.has(id))) return selection;
  return { ids: new Set([...selection.ids].filter((id) => shown.has(id))), anchor: selection.anchor !== null && shown.has(selection.anchor) ? selection.anchor : null };
}
