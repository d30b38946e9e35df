// What an evaluation's confusion matrix counts, in words its legend can say. The service counts whole test
// documents for classes, but shares each entity among the categories predicted on its characters (the Azure
// contract's fractional rawValue), so an entity matrix cannot be read as the exact-match TP/FP/FN.
import type { ConfusionCounting } from './views';

/** A count as a cell shows it: a whole number as it is, a fraction to one decimal, a sliver as "<0.1". */
export function shownCount(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (n > 0 && n < 0.05) return '<0.1';
  return n.toFixed(1);
}

export function confusionCounting(entities: boolean, counts: readonly (readonly number[])[]): ConfusionCounting {
  const shown = counts.map((row) => row.map(shownCount));
  if (!entities)
    return {
      name: 'Counts',
      legend:
        'Counts of test documents. Rows: labeled class; columns: predicted. The diagonal is right, the rest are errors.',
      shown,
    };
  return {
    name: 'Overlap-weighted counts',
    legend:
      'Overlap-weighted counts, as the service reports them. Rows: labeled entity; columns: predicted. Each labeled ' +
      'entity adds 1 to its row, shared among the categories predicted on its characters (what no prediction covers ' +
      'goes to (none)); the characters of a prediction outside every labeled entity add to the (none) row. Hence the ' +
      'fractions, and totals that differ from the TP/FP/FN table, where an entity is right only when its category, ' +
      'start and length all match.',
    shown,
  };
}
