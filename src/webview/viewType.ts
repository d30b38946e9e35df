/** The results panel's webview type (package.json's onWebviewPanel activation event names it too). */
export const resultsViewType = 'customText.results';
