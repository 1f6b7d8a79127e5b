import { clickRow, keepShown, NO_SELECTION, toggleAll } from './row-selection';

const order = [5, 3, 8, 1, 9];
const ids = (s: { ids: ReadonlySet<number> }) => [...s.ids].sort((a, b) => a - b);

describe('row selection', () => {
  it('a click toggles one row', () => {
    const one = clickRow(NO_SELECTION, order, 3, false);
    expect(ids(one)).toEqual([3]);
    expect(ids(clickRow(one, order, 3, false))).toEqual([]);
  });

  it('a shift-click selects the rows between the anchor and this one, in list order', () => {
    const anchored = clickRow(NO_SELECTION, order, 3, false);
    expect(ids(clickRow(anchored, order, 1, true))).toEqual([1, 3, 8]);
    expect(ids(clickRow(anchored, order, 5, true))).toEqual([3, 5]); // upwards too
  });

  it('a shift-click from an unselected anchor clears the range', () => {
    const all = toggleAll(NO_SELECTION, order);
    const off = clickRow(all, order, 8, false);
    expect(ids(clickRow(off, order, 9, true))).toEqual([3, 5]);
  });

  it('select all on the page, and again to clear', () => {
    expect(ids(toggleAll(NO_SELECTION, order))).toEqual([1, 3, 5, 8, 9]);
    expect(ids(toggleAll(toggleAll(NO_SELECTION, order), order))).toEqual([]);
  });

  it('forgets rows that left the list', () => {
    const s = toggleAll(NO_SELECTION, order);
    expect(ids(keepShown(s, [5, 9]))).toEqual([5, 9]);
  });
});
