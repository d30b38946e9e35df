// Expected calibration error: how far confidence is from accuracy. Predictions are put in equal-width bins of
// confidence; ECE is the mean gap |accuracy − mean confidence| of the bins, weighted by their size.

export interface Judged {
  /** The confidence the model gave, in [0, 1]. */
  confidence: number;
  /** Whether the prediction was right. */
  correct: boolean;
}

export function expectedCalibrationError(judged: readonly Judged[], bins = 10): number {
  const count = new Float64Array(bins);
  const confidence = new Float64Array(bins);
  const correct = new Float64Array(bins);
  for (const j of judged) {
    const b = Math.min(bins - 1, Math.floor(j.confidence * bins));
    count[b] = (count[b] ?? 0) + 1;
    confidence[b] = (confidence[b] ?? 0) + j.confidence;
    correct[b] = (correct[b] ?? 0) + (j.correct ? 1 : 0);
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const n = count[b] ?? 0;
    if (n > 0) ece += (n / judged.length) * Math.abs((correct[b] ?? 0) / n - (confidence[b] ?? 0) / n);
  }
  return ece;
}
