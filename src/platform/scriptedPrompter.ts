// Answers for the integration tests, in the order the questions must come. A question nobody expected, an answer
// that fits no item or fails the input's validation, or answers left over are all reported by done().
import * as vscode from 'vscode';
import type { PickAsTheyComeOptions } from './pickAsTheyCome';
import type { PickOptions, Prompter } from './prompter';

export type QuestionKind = 'pick' | 'input' | 'confirm' | 'open' | 'save' | 'message';

/**
 * One expected question: its kind, text it must contain (its title, or a confirmation's or message's text), and
 * the answer: an item's label, the text typed, the action chosen, a file path; undefined is Escape.
 */
export interface Answer {
  kind: QuestionKind;
  about: string | RegExp;
  answer?: string;
}

export interface ScriptedAnswers {
  /** Notifications shown meanwhile that no answer was queued for (the user left them alone). */
  readonly messages: readonly string[];
  /** Restores the real prompter; throws when a question was unexpected or answers are left over. */
  done(): void;
}

export class ScriptedPrompter implements Prompter, ScriptedAnswers {
  readonly messages: string[] = [];
  private readonly problems: string[] = [];

  constructor(
    private readonly queue: Answer[],
    private readonly restore: () => void,
  ) {}

  done(): void {
    this.restore();
    const left = this.queue.map((a) => `${a.kind} about ${String(a.about)}`);
    const problems = [...this.problems, ...(left.length > 0 ? [`answers left over: ${left.join('; ')}`] : [])];
    if (problems.length > 0) throw new Error(`Scripted answers: ${problems.join('. ')}`);
  }

  /** Answered with an item's label or, in a keyed pick, with its key as the user would press it. */
  async pick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Promise<readonly T[]>,
    options: PickOptions<T>,
  ): Promise<T | undefined> {
    const expected = this.next('pick', options.title);
    const loaded = await items;
    const byKey = options.keyOf && loaded.find((i) => options.keyOf?.(i) === expected.answer);
    return byKey || this.choose(loaded, expected, options.title);
  }

  async pickAsTheyCome<T extends vscode.QuickPickItem>(
    sources: Promise<T[]>[],
    options: PickAsTheyComeOptions<T>,
  ): Promise<T | undefined> {
    const expected = this.next('pick', options.title);
    // A failing source leaves its items out, as in the real picker.
    const items = (await Promise.all(sources.map((s) => s.catch(() => [])))).flat();
    return this.choose(items, expected, options.title);
  }

  async input(options: vscode.InputBoxOptions & { title: string }): Promise<string | undefined> {
    const { answer } = this.next('input', options.title);
    if (answer === undefined) return undefined;
    const verdict = await options.validateInput?.(answer);
    const refusal =
      typeof verdict === 'string'
        ? verdict
        : verdict?.severity === vscode.InputBoxValidationSeverity.Error
          ? verdict.message
          : undefined;
    if (refusal !== undefined) throw this.problem(`input “${options.title}” refuses “${answer}”: ${refusal}`);
    return answer;
  }

  confirm(question: string, action: string): Promise<boolean> {
    return Promise.resolve(this.next('confirm', question).answer === action);
  }

  openDialog(options: vscode.OpenDialogOptions & { title: string }): Promise<vscode.Uri | undefined> {
    const { answer } = this.next('open', options.title);
    return Promise.resolve(answer === undefined ? undefined : vscode.Uri.file(answer));
  }

  saveDialog(options: vscode.SaveDialogOptions & { title: string }): Promise<vscode.Uri | undefined> {
    const { answer } = this.next('save', options.title);
    return Promise.resolve(answer === undefined ? undefined : vscode.Uri.file(answer));
  }

  /** A notification is answered only when it is the next answer queued; otherwise it is recorded and left alone. */
  message(text: string, ...actions: string[]): Promise<string | undefined> {
    const head = this.queue[0];
    if (head?.kind !== 'message' || !fits(head.about, text)) {
      this.messages.push(text);
      return Promise.resolve(undefined);
    }
    this.queue.shift();
    if (head.answer !== undefined && !actions.includes(head.answer))
      throw this.problem(`message “${text}” has no action “${head.answer}” (it has ${actions.join(', ')})`);
    return Promise.resolve(head.answer);
  }

  private next(kind: QuestionKind, text: string): Answer {
    const head = this.queue[0];
    if (head?.kind !== kind || !fits(head.about, text)) {
      const expected = head === undefined ? 'no more questions' : `${head.kind} about ${String(head.about)}`;
      throw this.problem(`unexpected ${kind} “${text}” (expected ${expected})`);
    }
    this.queue.shift();
    return head;
  }

  private choose<T extends vscode.QuickPickItem>(items: readonly T[], expected: Answer, title: string): T | undefined {
    if (expected.answer === undefined) return undefined;
    const item = items.find((i) => i.label === expected.answer);
    if (item === undefined)
      throw this.problem(
        `pick “${title}” has no item “${expected.answer}” (it has ${items.map((i) => i.label).join(', ')})`,
      );
    return item;
  }

  private problem(text: string): Error {
    this.problems.push(text);
    return new Error(`Scripted answers: ${text}`);
  }
}

function fits(about: string | RegExp, text: string): boolean {
  return typeof about === 'string' ? text.includes(about) : about.test(text);
}
