// The open suggestions of the workspace's documents, by file, and how sure the model was of each unlabeled
// document (for Label Next). Held in memory only: suggestions reach the labels file through accepting alone.
import path from 'node:path';
import * as vscode from 'vscode';
import type { DocumentSuggestions, Suggestion } from '../core/suggestions/suggestions';
import { aboveThreshold, countOf, without } from '../core/suggestions/suggestions';
import type { RankedDocument } from '../core/suggestions/uncertainty';

export interface StoredSuggestions {
  labelsFile: string;
  /** The text the prediction was made on: suggestions hold only while the document still has it. */
  text: string;
  suggestions: DocumentSuggestions;
}

export class SuggestionStore implements vscode.Disposable {
  private readonly byFile = new Map<string, StoredSuggestions>();
  /** Per labels file: its unlabeled documents in Label Next's order. */
  private readonly rankings = new Map<string, RankedDocument[]>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Suggestions of the file at `file` (absolute path), at or above the current threshold. */
  get(file: string): StoredSuggestions | undefined {
    const stored = this.byFile.get(path.resolve(file));
    if (!stored) return undefined;
    return { ...stored, suggestions: aboveThreshold(stored.suggestions, suggestionThreshold()) };
  }

  /** Every suggestion of the file, those below the threshold too (to say how many are hidden). */
  withHidden(file: string): StoredSuggestions | undefined {
    return this.byFile.get(path.resolve(file));
  }

  set(file: string, stored: StoredSuggestions): void {
    const key = path.resolve(file);
    if (countOf(stored.suggestions) === 0) this.byFile.delete(key);
    else this.byFile.set(key, stored);
    this.changed.fire(vscode.Uri.file(key));
  }

  /** Takes one suggestion away (accepted or rejected). */
  remove(file: string, suggestion: Suggestion): void {
    const stored = this.byFile.get(path.resolve(file));
    if (stored) this.set(file, { ...stored, suggestions: without(stored.suggestions, suggestion) });
  }

  clear(file: string): void {
    if (this.byFile.delete(path.resolve(file))) this.changed.fire(vscode.Uri.file(path.resolve(file)));
  }

  /** Redraws every document (the threshold changed). */
  refreshAll(): void {
    for (const key of this.byFile.keys()) this.changed.fire(vscode.Uri.file(key));
  }

  setRanking(labelsFile: string, ranked: RankedDocument[]): void {
    this.rankings.set(path.resolve(labelsFile), ranked);
  }

  ranking(labelsFile: string): RankedDocument[] | undefined {
    return this.rankings.get(path.resolve(labelsFile));
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The customText.suggestions.threshold setting: suggestions less confident than it are not shown. */
export function suggestionThreshold(): number {
  const value = vscode.workspace.getConfiguration('customText').get<number>('suggestions.threshold', 0.5);
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0.5;
}
