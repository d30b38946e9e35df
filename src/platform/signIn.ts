// Where signed-in connections get their tokens: VS Code's built-in Microsoft authentication provider, or, for the
// length of one integration test (through the test API only), an injected session source.
import * as vscode from 'vscode';
import { SessionCredentials } from '../api/sessionCredential';
import type { SessionSource } from '../api/sessionCredential';

/** A Microsoft session for the scopes; VS Code asks the user to sign in the first time, then renews it itself. */
export const microsoftSessions: SessionSource = async (scopes) => {
  const session = await vscode.authentication.getSession('microsoft', [...scopes], { createIfNone: true });
  return session.accessToken;
};

export class SignInSeam {
  private source: SessionSource = microsoftSessions;
  /** Cached tokens, one per scope, from the current source. */
  readonly credentials = new SessionCredentials((scopes) => this.source(scopes));

  /** Installs a session source until the returned function is called; tokens of the previous source are dropped. */
  use(source: SessionSource): () => void {
    if (this.source !== microsoftSessions) throw new Error('A session source is installed already.');
    this.source = source;
    this.credentials.clear();
    return () => {
      this.source = microsoftSessions;
      this.credentials.clear();
    };
  }
}
